package dev.sluice.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalTest {

  private final Principal viewer = new Principal("v", Role.VIEWER, List.of("shop"));
  private final Principal editor = new Principal("e", Role.EDITOR, List.of("shop", "web"));
  private final Principal scopedAdmin = new Principal("sa", Role.ADMIN, List.of("shop"));
  private final Principal admin = new Principal("a", Role.ADMIN, List.of("*"));

  @Test
  void viewersReadTheirNamespacesOnly() {
    assertThat(viewer.may(Action.READ, "shop")).isTrue();
    assertThat(viewer.may(Action.READ, "web")).isFalse();
    assertThat(viewer.may(Action.WRITE, "shop")).isFalse();
    assertThat(viewer.may(Action.ADMINISTER, null)).isFalse();
  }

  @Test
  void editorsReadAndWriteTheirNamespacesOnly() {
    assertThat(editor.may(Action.WRITE, "shop")).isTrue();
    assertThat(editor.may(Action.WRITE, "web")).isTrue();
    assertThat(editor.may(Action.READ, "web")).isTrue();
    assertThat(editor.may(Action.WRITE, "billing")).isFalse();
    assertThat(editor.may(Action.READ, "billing")).isFalse();
    assertThat(editor.may(Action.ADMINISTER, null)).isFalse();
  }

  @Test
  void installationWideThingsCanBeReadByAnyoneButChangedOnlyWithAllNamespaces() {
    assertThat(viewer.may(Action.READ, null)).isTrue();
    assertThat(editor.may(Action.WRITE, null)).isFalse();
    assertThat(admin.may(Action.WRITE, null)).isTrue();
  }

  @Test
  void administeringNeedsAnAdminOverAllNamespaces() {
    assertThat(admin.may(Action.ADMINISTER, null)).isTrue();
    assertThat(admin.may(Action.WRITE, "anything")).isTrue();
    assertThat(scopedAdmin.may(Action.ADMINISTER, null)).isFalse();
    assertThat(scopedAdmin.may(Action.WRITE, "shop")).isTrue();
    assertThat(scopedAdmin.may(Action.WRITE, "web")).isFalse();
  }

  @Test
  void rolesAreReadFromTheirWords() {
    assertThat(Role.fromWord("editor")).isEqualTo(Role.EDITOR);
    assertThatThrownBy(() -> Role.fromWord("owner"))
        .hasMessage("role 'owner' does not exist; use viewer, editor or admin");
  }
}
