package dev.sluice.connectors.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Answers of the {@code http} processor kept for a while, least recently used first out. Used by
 * one processor instance, so by one thread.
 */
final class AnswerCache {

  /** An answer and when it stops being fresh. */
  private record Cached(Object answer, long expires) {}

  /** Stands for a cached "no answer" (a 404). */
  static final Object NONE = new Object();

  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Cached> entries;

  AnswerCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
    this.entries = new LinkedHashMap<String, Cached>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The fresh answer to {@code request}, if there is one; {@link #NONE} for a cached "none". */
  Optional<Object> get(String request) {
    if (ttlNanos == 0) {
      return Optional.empty();
    }
    Cached e = entries.get(request);
    if (e == null || e.expires - nanoTime.getAsLong() <= 0) {
      return Optional.empty();
    }
    return Optional.of(e.answer == null ? NONE : e.answer);
  }

  /** Keeps {@code answer} ({@code null} for none) to {@code request}. */
  void put(String request, Object answer) {
    if (ttlNanos > 0) {
      entries.put(request, new Cached(answer, nanoTime.getAsLong() + ttlNanos));
    }
  }
}
