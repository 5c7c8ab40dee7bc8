package dev.sluice.controlplane.auth;

import java.time.Instant;
import java.util.List;

/**
 * A stored token as listed to admins; never holds the token itself.
 *
 * @param id the token's id
 * @param name its unique name
 * @param role what it may do
 * @param namespaces where, or {@code ["*"]}
 * @param createdAt when it was created or last replaced
 * @param lastUsedAt when it last authenticated a request (to the minute), or {@code null}
 */
public record TokenInfo(
    String id, String name, Role role, List<String> namespaces, Instant createdAt, Instant lastUsedAt) {

  public TokenInfo {
    namespaces = List.copyOf(namespaces);
  }
}
