package dev.sluice.controlplane.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DlqPositionTest {

  @Test
  void readsAndWritesPartitionColonOffset() {
    DlqPosition position = DlqPosition.parse(" 2:117 ", "after");

    assertThat(position).isEqualTo(new DlqPosition(2, 117));
    assertThat(position.toString()).isEqualTo("2:117");
  }

  @Test
  void ordersByPartitionThenOffset() {
    TreeSet<DlqPosition> sorted = new TreeSet<>(List.of(new DlqPosition(1, 0),
        new DlqPosition(0, 9), new DlqPosition(0, 10), new DlqPosition(2, 3)));

    assertThat(sorted).extracting(DlqPosition::toString)
        .containsExactly("0:9", "0:10", "1:0", "2:3");
  }

  @Test
  void refusesOtherTextNamingTheParameterAndTheForm() {
    for (String text : List.of("", "3", "a:1", "1:-2", "-1:2", "1:2:3", "99999999999:1")) {
      assertThatThrownBy(() -> DlqPosition.parse(text, "upTo"))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("upTo must be a position <partition>:<offset> as the listing gives it, "
              + "such as 0:42, got '" + text + "'");
    }
  }
}
