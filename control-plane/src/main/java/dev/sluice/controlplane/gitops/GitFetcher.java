package dev.sluice.controlplane.gitops;

import dev.sluice.definitions.StreamFileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Fetches one branch of a repository into a bare local repository and reads the stream files of
 * its newest commit straight from the object database (no working tree to keep clean). Not
 * thread-safe: one sync uses it at a time.
 */
final class GitFetcher implements AutoCloseable {

  private static final int TIMEOUT_SECONDS = 60;

  private final GitSyncSource source;
  private final Git git;
  private final String trackingRef;

  /** Creates (or reopens) the bare repository in {@code dir}. */
  GitFetcher(GitSyncSource source, Path dir) {
    this.source = source;
    this.trackingRef = "refs/remotes/sluice/" + source.branch();
    try {
      this.git = Files.isDirectory(dir.resolve("objects")) ? Git.open(dir.toFile())
          : Git.init().setBare(true).setDirectory(dir.toFile()).call();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("cannot create a local repository for git sync " + source.name() + " in "
          + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fetches the branch and reads the files of its newest commit.
   *
   * @param credentials for the remote, or {@code null}
   * @throws GitSyncException when the remote, the branch or the path cannot be read
   */
  GitSnapshot fetch(CredentialsProvider credentials) {
    try {
      git.fetch()
          .setRemote(source.url())
          .setRefSpecs(new RefSpec("+refs/heads/" + source.branch() + ":" + trackingRef))
          .setCredentialsProvider(credentials)
          .setTimeout(TIMEOUT_SECONDS)
          .call();
      Repository repository = git.getRepository();
      ObjectId head = repository.resolve(trackingRef);
      if (head == null) {
        throw new GitSyncException("branch '" + source.branch() + "' was not fetched from " + source.redactedUrl()
            + "; check branch= of git sync " + source.name());
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(head);
        return new GitSnapshot(commit.getName(), files(repository, commit));
      }
    } catch (GitAPIException e) {
      throw new GitSyncException("cannot fetch branch '" + source.branch() + "' of " + source.redactedUrl() + ": "
          + e.getMessage() + "; check url=, branch= and the credentials of git sync " + source.name(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<SourceDocument> files(Repository repository, RevCommit commit) throws IOException {
    if (!source.path().isEmpty() && TreeWalk.forPath(repository, source.path(), commit.getTree()) == null) {
      // Never read a missing directory as "no streams": that would prune every stream of the set.
      throw new GitSyncException("commit " + commit.getName() + " has no '" + source.path() + "'; check path= "
          + "of git sync " + source.name() + " (nothing was applied or pruned)");
    }
    List<SourceDocument> documents = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      if (!source.path().isEmpty()) {
        walk.setFilter(PathFilter.create(source.path()));
      }
      while (walk.next()) {
        String file = walk.getPathString();
        if (StreamFileNames.isStreamFile(file)) {
          byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
          documents.add(new SourceDocument(file, new String(bytes, StandardCharsets.UTF_8)));
        }
      }
    }
    return documents;
  }

  @Override
  public void close() {
    git.close();
  }
}
