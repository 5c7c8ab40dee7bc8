package dev.sluice.controlplane.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recorded change.
 *
 * @param id grows with every entry; pass it as {@code beforeId} to page backwards
 * @param at when the change was committed
 * @param actor the token name or other identity that made it
 * @param action what was done, such as {@code stream.update} or {@code secret.put}
 * @param namespace the namespace of the object changed, or {@code null} for global objects
 * @param name the name of the object changed, or {@code null}
 * @param detail revision numbers, changed field names and the like; never a secret value
 */
public record AuditEntry(
    long id, Instant at, String actor, String action, String namespace, String name,
    Map<String, Object> detail) {

  public AuditEntry {
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }
}
