package dev.sluice.controlplane.auth;

import java.util.List;

/**
 * A token just created. The plaintext exists only here: the database keeps its SHA-256 hash, so
 * show it to the user once.
 *
 * @param id the token's id
 * @param name its unique name
 * @param plaintext what clients send as {@code Authorization: Bearer <plaintext>}
 * @param role what it may do
 * @param namespaces where, or {@code ["*"]}
 */
public record IssuedToken(String id, String name, String plaintext, Role role, List<String> namespaces) {

  public IssuedToken {
    namespaces = List.copyOf(namespaces);
  }

  /** Without the plaintext, so that logging the record cannot leak it. */
  @Override
  public String toString() {
    return "IssuedToken[id=" + id + ", name=" + name + ", role=" + role.word() + ", namespaces="
        + namespaces + "]";
  }
}
