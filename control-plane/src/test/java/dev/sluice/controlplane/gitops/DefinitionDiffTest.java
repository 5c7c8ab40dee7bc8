package dev.sluice.controlplane.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefinitionDiffTest {

  @Test
  void keyOrderIsNoChangeButAValueIs() {
    String json = "{\"kind\":\"Stream\",\"spec\":{\"parallelism\":1,\"state\":\"active\"}}";

    assertThat(DefinitionDiff.same(json, "{\"spec\":{\"state\":\"active\",\"parallelism\":1},\"kind\":\"Stream\"}"))
        .isTrue();
    assertThat(DefinitionDiff.same(json, json.replace("1", "2"))).isFalse();
    assertThat(DefinitionDiff.same(json, null)).isFalse();
  }

  @Test
  void aChangeIsAUnifiedDiffOfBlockYamlAndNoChangeIsEmpty() {
    String before = DefinitionDiff.yaml("{\"kind\":\"Stream\",\"spec\":{\"parallelism\":1}}", null);
    String after = DefinitionDiff.yaml("{\"kind\":\"Stream\",\"spec\":{\"parallelism\":2}}", null);

    assertThat(before).isEqualTo("kind: Stream\nspec:\n  parallelism: 1\n");
    assertThat(DefinitionDiff.unified("a", before, "b", after)).isEqualTo("""
        --- a
        +++ b
        @@ -1,3 +1,3 @@
         kind: Stream
         spec:
        -  parallelism: 1
        +  parallelism: 2
        """);
    assertThat(DefinitionDiff.unified("a", before, "b", before)).isEmpty();
    assertThat(DefinitionDiff.yaml(null, "kept: as written")).isEqualTo("kept: as written");
  }
}
