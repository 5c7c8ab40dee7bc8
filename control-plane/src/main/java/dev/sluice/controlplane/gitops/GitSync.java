package dev.sluice.controlplane.gitops;

import dev.sluice.controlplane.secrets.SecretStore;
import dev.sluice.controlplane.store.ConflictException;
import dev.sluice.controlplane.store.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Git repositories: every interval, fetches each source's branch and applies the stream
 * files under its path as apply set {@code git:<name>}, with prune and without force, so a commit
 * that adds a file creates its stream and one that removes it deletes it, while streams changed
 * through the REST API since are held back and reported as drift. A commit whose files do not all
 * validate applies nothing; the error is kept in the status until a later commit fixes it.
 *
 * <p>Each source has a bare repository of its own in a temporary directory; one thread syncs all
 * of them, one at a time. Several control planes on one database may sync the same source: applies
 * are serialised and idempotent, so the second finds nothing to do. Thread-safe.
 */
public final class GitSync implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GitSync.class);

  private final Map<String, GitSyncSource> sources = new LinkedHashMap<>();
  private final Map<String, GitFetcher> fetchers = new LinkedHashMap<>();
  private final ApplyService apply;
  private final SecretStore secrets;
  private final GitSyncStatusRows statusRows;
  private final Clock clock;
  /** Where the local repositories are; {@code null} when there is no source. */
  private final Path workDir;
  private final ScheduledExecutorService executor;

  private GitSync(List<GitSyncSource> sources, ApplyService apply, SecretStore secrets,
      GitSyncStatusRows statusRows, Clock clock, Path workDir) {
    sources.forEach(s -> this.sources.put(s.name(), s));
    this.apply = apply;
    this.secrets = secrets;
    this.statusRows = statusRows;
    this.clock = clock;
    this.workDir = workDir;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "sluice-git-sync");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts following {@code sources}, the first sync of each at once.
   *
   * @throws IllegalArgumentException when two sources have the same name
   */
  public static GitSync start(List<GitSyncSource> sources, ApplyService apply, SecretStore secrets,
      Jdbi jdbi, Clock clock) {
    Map<String, Long> names = sources.stream().collect(Collectors.groupingBy(GitSyncSource::name,
        Collectors.counting()));
    names.forEach((name, count) -> {
      if (count > 1) {
        throw new IllegalArgumentException("git sync " + name + " is configured " + count
            + " times; give each sync its own name");
      }
    });
    GitSync sync = new GitSync(sources, apply, secrets, new GitSyncStatusRows(jdbi), clock,
        sources.isEmpty() ? null : workDir());
    for (GitSyncSource source : sources) {
      sync.executor.scheduleWithFixedDelay(() -> sync.syncQuietly(source), 0, source.interval().toMillis(),
          TimeUnit.MILLISECONDS);
      log.info("Git sync {} follows {} branch {} path '{}' every {} as apply set {}", source.name(),
          source.redactedUrl(), source.branch(), source.path(), source.interval(),
          source.applySet());
    }
    return sync;
  }

  private static Path workDir() {
    try {
      return Files.createTempDirectory("sluice-git-sync");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for git sync", e);
    }
  }

  /** The status of every configured sync, by name. */
  public List<GitSyncStatus> statuses() {
    return sources.values().stream().map(statusRows::status).toList();
  }

  /**
   * Syncs {@code name} now, on the caller's thread, and returns its status.
   *
   * @throws NotFoundException when no sync has that name
   */
  public GitSyncStatus syncNow(String name) {
    GitSyncSource source = sources.get(name);
    if (source == null) {
      throw new NotFoundException("there is no git sync '" + name + "'; configured: "
          + (sources.isEmpty() ? "none (see sluice coordinator --git-sync)" : String.join(", ", sources.keySet())));
    }
    syncQuietly(source);
    return statusRows.status(source);
  }

  private synchronized void syncQuietly(GitSyncSource source) {
    try {
      sync(source);
    } catch (GitSyncException | InvalidApplySetException | ConflictException e) {
      log.warn("Git sync {} failed: {}", source.name(), e.getMessage());
      statusRows.failed(source.name(), clock.instant(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("Git sync {} failed", source.name(), e);
      statusRows.failed(source.name(), clock.instant(), "unexpected failure: " + e);
    }
  }

  private void sync(GitSyncSource source) {
    GitFetcher fetcher = fetchers.computeIfAbsent(source.name(),
        name -> new GitFetcher(source, workDir.resolve(name)));
    GitSnapshot snapshot = fetcher.fetch(credentials(source));
    ApplyPlan plan = apply.apply(new ApplyRequest(source.applySet(), snapshot.documents(), false, true, false),
        "git-sync:" + source.name(), Map.of("commit", snapshot.commit()), namespace -> { });
    List<String> drift = plan.heldBack().stream().map(PlannedChange::id).toList();
    Map<String, Long> summary = new LinkedHashMap<>();
    for (ChangeAction action : ChangeAction.values()) {
      summary.put(action.word(), plan.count(action));
    }
    summary.put("heldBack", (long) drift.size());
    statusRows.synced(source.name(), snapshot.commit(), clock.instant(), drift, summary);
    if (plan.changeCount() > 0) {
      log.info("Git sync {} applied commit {}: {}", source.name(), snapshot.commit(), summary);
    }
  }

  private CredentialsProvider credentials(GitSyncSource source) {
    if (source.passwordSecret() == null) {
      return null;
    }
    String[] ref = source.passwordSecret().split("/", 2);
    String password = secrets.reveal(ref[0], ref[1]).orElseThrow(() -> new GitSyncException("secret "
        + source.passwordSecret() + " (password-secret of git sync " + source.name() + ") does not exist; "
        + "create it with PUT /api/v1/secrets/" + source.passwordSecret()));
    return new UsernamePasswordCredentialsProvider(source.username() == null ? "git" : source.username(),
        password);
  }

  /** Stops syncing, waits for a sync in progress and removes the local repositories. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("a git sync still runs after 30 s; leaving it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      fetchers.values().forEach(GitFetcher::close);
      fetchers.clear();
    }
    if (workDir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not remove {}", workDir, e);
    }
  }
}
