package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplySetOptionsTest {

  @TempDir Path temp;

  @Test
  void theDefaultApplySetIsTheDirectorysNameInLowerCase() throws IOException {
    Path examples = Files.createDirectories(temp.resolve("examples"));
    Path file = Files.writeString(Files.createDirectories(temp.resolve("Shop Streams!")).resolve("a.yaml"), "");

    assertThat(ApplySetOptions.defaultApplySet(examples)).isEqualTo("examples");
    assertThat(ApplySetOptions.defaultApplySet(file)).isEqualTo("shop-streams");
    assertThat(ApplySetOptions.defaultApplySet(examples.resolve(".."))).isEqualTo(
        temp.getFileName().toString().toLowerCase().replaceAll("[^-a-z0-9_.]", "-"));
  }
}
