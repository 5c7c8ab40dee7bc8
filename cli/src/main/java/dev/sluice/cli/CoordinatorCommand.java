package dev.sluice.cli;

import dev.sluice.controlplane.ControlPlane;
import dev.sluice.controlplane.ControlPlaneConfig;
import dev.sluice.controlplane.auth.Principal;
import dev.sluice.controlplane.auth.Role;
import dev.sluice.controlplane.gitops.GitSyncSource;
import dev.sluice.controlplane.grpc.TlsFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice coordinator}: runs the control plane against an existing Postgres and Kafka. */
@Command(
    name = "coordinator",
    description = {
      "Runs the control plane: REST API, worker registry, scheduler and outbox publisher.",
      "Secrets are read from the environment when not given: SLUICE_DB_PASSWORD, SLUICE_JOIN_TOKEN, "
          + "SLUICE_SECRET_KEY, SLUICE_ADMIN_TOKEN."
    })
final class CoordinatorCommand implements Callable<Integer> {

  @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL",
      description = "Postgres database, e.g. jdbc:postgresql://db:5432/sluice.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:SLUICE_DB_USER}",
      description = "Database user (default: $SLUICE_DB_USER).")
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:SLUICE_DB_PASSWORD}",
      description = "Database password (default: $SLUICE_DB_PASSWORD).")
  String dbPassword;

  @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP",
      description = "Bootstrap servers of the Kafka cluster that holds the control topics.")
  String kafka;

  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
      description = "Replication factor of the control topics (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
      description = "Address of the REST API (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the REST API (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "7070",
      description = "Port workers register on (default: ${DEFAULT-VALUE}).")
  int grpcPort;

  @Option(names = "--join-token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_JOIN_TOKEN}",
      description = "Secret workers present to join (default: $SLUICE_JOIN_TOKEN).")
  String joinToken;

  @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_ADMIN_TOKEN}",
      description = {"An API token with the admin role for every namespace, made if it does not exist, for the "
          + "first login of an installation (default: $SLUICE_ADMIN_TOKEN). At least 32 characters, such as the "
          + "output of openssl rand -hex 32. Issue other tokens through the API, then remove it."})
  String adminToken;

  @Option(names = "--secret-key", paramLabel = "BASE64", defaultValue = "${env:SLUICE_SECRET_KEY}",
      description = "32-byte AES key, base64, that encrypts secrets at rest (default: $SLUICE_SECRET_KEY).")
  String secretKey;

  @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "10s",
      description = "How long a silent worker keeps its instances (default: ${DEFAULT-VALUE}).")
  String lease;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve the worker registry over TLS with this certificate chain.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "PEM",
      description = "Require workers to present a certificate signed by this CA (mutual TLS).")
  Path tlsClientCa;

  @Option(names = "--git-sync", paramLabel = "SPEC",
      description = "Follow a Git repository and apply its stream files with prune as apply set git:<name>; "
          + "repeatable. SPEC is name=NAME,url=URL[,branch=main][,path=DIR][,interval=1m][,username=USER]"
          + "[,password-secret=NS/SECRET] (docs/gitops.md).")
  List<String> gitSync = new ArrayList<>();

  @Mixin PluginsOption plugins;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    require(joinToken, "--join-token", "SLUICE_JOIN_TOKEN");
    require(secretKey, "--secret-key", "SLUICE_SECRET_KEY");
    Duration leaseDuration = CliDurations.parse(lease, "--lease");
    List<GitSyncSource> sources = gitSyncSources();
    InstalledComponents installed = plugins.load(out::println);
    ControlPlane controlPlane = ControlPlane.start(new ControlPlaneConfig(dbUrl, dbUser, dbPassword, kafka,
        replicationFactor, httpHost, httpPort, grpcPort, joinToken, secretKey, leaseDuration,
        leaseDuration.dividedBy(3), registryTls()).withGitSync(sources), installed.catalog(),
        new EngineSampleRunner(installed.components()));
    if (adminToken != null && !adminToken.isBlank()) {
      try {
        controlPlane.tokens().ensureToken("admin", adminToken, Role.ADMIN, List.of(Principal.ALL_NAMESPACES));
      } catch (IllegalArgumentException e) {
        controlPlane.close();
        installed.close();
        throw new UserError("--admin-token: " + e.getMessage(), e);
      }
      out.println("The admin token given with --admin-token (or SLUICE_ADMIN_TOKEN) is valid as token 'admin'.");
    }
    out.println("Sluice control plane running: REST on port " + controlPlane.httpPort()
        + ", workers register on port " + controlPlane.grpcPort() + ". Stop with Ctrl-C or SIGTERM.");
    out.flush();
    RunUntilStopped.await(out, "Control plane stopped.", () -> {
      controlPlane.close();
      installed.close();
    });
    return 0;
  }

  private List<GitSyncSource> gitSyncSources() {
    List<GitSyncSource> sources = new ArrayList<>();
    for (String spec : gitSync) {
      try {
        sources.add(GitSyncSource.parse(spec));
      } catch (IllegalArgumentException e) {
        throw new UserError("--git-sync: " + e.getMessage(), e);
      }
    }
    return sources;
  }

  private TlsFiles registryTls() {
    if (tlsCert == null && tlsKey == null) {
      if (tlsClientCa != null) {
        throw new UserError("--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is TLS first");
      }
      return null;
    }
    if (tlsCert == null || tlsKey == null) {
      throw new UserError("give both --tls-cert and --tls-key to serve the worker registry over TLS");
    }
    return new TlsFiles(tlsCert, tlsKey, tlsClientCa);
  }

  static void require(String value, String option, String env) {
    if (value == null || value.isBlank()) {
      throw new UserError(option + " is required: pass it, or set " + env);
    }
  }
}
