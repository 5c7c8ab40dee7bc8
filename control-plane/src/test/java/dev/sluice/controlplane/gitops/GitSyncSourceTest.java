package dev.sluice.controlplane.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitSyncSourceTest {

  @Test
  void readsEveryKeyAndDefaultsTheOptionalOnes() {
    GitSyncSource full = GitSyncSource.parse("name=shop,url=https://sluice:pw@git.example.com/s.git,branch=prod,"
        + "path=/streams/,interval=30s,username=sluice,password-secret=ops/git-token");
    GitSyncSource minimal = GitSyncSource.parse("name=shop,url=/srv/git/streams");

    assertThat(full).isEqualTo(new GitSyncSource("shop", "https://sluice:pw@git.example.com/s.git", "prod",
        "streams", Duration.ofSeconds(30), "sluice", "ops/git-token"));
    assertThat(full.redactedUrl()).isEqualTo("https://git.example.com/s.git");
    assertThat(full.applySet()).isEqualTo("git:shop");
    assertThat(minimal).isEqualTo(new GitSyncSource("shop", "/srv/git/streams", "main", "", Duration.ofMinutes(1),
        null, null));
  }

  @Test
  void mistakesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> GitSyncSource.parse("name=shop,url=x,brnach=main"))
        .hasMessageContaining("'brnach=main' is not one of name=, url=, branch=");
    assertThatThrownBy(() -> GitSyncSource.parse("name=Shop,url=x")).hasMessageContaining("'Shop' is not valid");
    assertThatThrownBy(() -> GitSyncSource.parse("name=shop")).hasMessageContaining("needs url=");
    assertThatThrownBy(() -> GitSyncSource.parse("name=shop,url=x,interval=soon"))
        .hasMessageContaining("interval 'soon' is not a duration");
    assertThatThrownBy(() -> GitSyncSource.parse("name=shop,url=x,password-secret=token"))
        .hasMessageContaining("must name a secret as namespace/name");
  }
}
