package dev.sluice.controlplane.auth;

import java.util.List;

/**
 * Who made a request: the token's name, role and namespaces.
 *
 * @param name the token's name, recorded as the actor in the audit log
 * @param role what the token may do
 * @param namespaces the namespaces it may act in, or {@code ["*"]} for all
 */
public record Principal(String name, Role role, List<String> namespaces) {

  /** The namespace list entry that means every namespace. */
  public static final String ALL_NAMESPACES = "*";

  public Principal {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * Whether this principal may perform {@code action} on something in {@code namespace}.
   *
   * <p>{@link Action#ADMINISTER} needs the admin role over all namespaces: a namespace-scoped admin
   * could otherwise mint itself a token for every namespace. A {@code null} namespace means
   * something installation-wide (workers, plugins): any role may read it, but changing it needs
   * all namespaces.
   */
  public boolean may(Action action, String namespace) {
    if (!role.allows(action)) {
      return false;
    }
    if (action == Action.ADMINISTER) {
      return allNamespaces();
    }
    if (namespace == null) {
      return action == Action.READ || allNamespaces();
    }
    return allNamespaces() || namespaces.contains(namespace);
  }

  /** Whether the principal acts in every namespace. */
  public boolean allNamespaces() {
    return namespaces.contains(ALL_NAMESPACES);
  }
}
