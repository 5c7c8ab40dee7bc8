package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.record.Record;
import dev.sluice.connectors.http.RequestBodies.Format;
import dev.sluice.connectors.http.RequestBodies.Slice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  /** {"n":10} is 8 bytes. */
  private static final List<Record> RECORDS =
      IntStream.range(10, 20).mapToObj(n -> Record.of(Map.of("n", n), 0L)).toList();

  @Test
  void slicesHoldAtMostTheCount() throws Exception {
    RequestBodies bodies = RequestBodies.encode(RECORDS, Format.JSON_ARRAY);

    assertThat(bodies.split(4, Long.MAX_VALUE))
        .containsExactly(new Slice(0, 4), new Slice(4, 8), new Slice(8, 10));
  }

  @Test
  void bodiesStayWithinTheBytesAndAreExactlyThatLong() throws Exception {
    RequestBodies array = RequestBodies.encode(RECORDS, Format.JSON_ARRAY);
    RequestBodies ndjson = RequestBodies.encode(RECORDS, Format.NDJSON);

    // [a,b,c] with 8-byte values: 2 + 3 * 8 + 2 = 28 bytes
    assertThat(array.split(100, 28)).first().isEqualTo(new Slice(0, 3));
    assertThat(array.body(new Slice(0, 3))).hasSize(28).asString(StandardCharsets.UTF_8)
        .isEqualTo("[{\"n\":10},{\"n\":11},{\"n\":12}]");
    // a\nb\nc\n: 3 * 9 = 27 bytes
    assertThat(ndjson.split(100, 27)).first().isEqualTo(new Slice(0, 3));
    assertThat(ndjson.body(new Slice(0, 3))).hasSize(27);
    assertThat(array.split(100, 1000)).containsExactly(new Slice(0, 10));
  }

  @Test
  void aRecordLargerThanTheBytesGoesAlone() throws Exception {
    RequestBodies bodies = RequestBodies.encode(RECORDS, Format.JSON_ARRAY);

    assertThat(bodies.split(100, 5)).hasSize(10).allSatisfy(s -> assertThat(s.size()).isOne());
  }

  @Test
  void halvesCoverTheSlice() {
    Slice slice = new Slice(3, 8);

    assertThat(slice.firstHalf()).isEqualTo(new Slice(3, 5));
    assertThat(slice.secondHalf()).isEqualTo(new Slice(5, 8));
  }
}
