package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGProperty;

class JdbcUrlGuardTest {

  private static final String BASE = "jdbc:postgresql://db.internal:5432/shop";

  /**
   * Driver parameters reviewed as harmless for a stream author to set: they tune the connection,
   * name the server, or set TLS and authentication modes, but load no class, read no file and
   * borrow no credential of the worker.
   */
  private static final Set<String> REVIEWED_SAFE = Set.of(
      "adaptiveFetch", "adaptiveFetchMaximum", "adaptiveFetchMinimum", "allowEncodingChanges",
      "ApplicationName", "assumeMinServerVersion", "autosave", "binaryTransfer",
      "binaryTransferDisable", "binaryTransferEnable", "cancelSignalTimeout", "channelBinding",
      "cleanupSavepoints", "connectTimeout", "convertBooleanToNumeric", "currentSchema",
      "databaseMetadataCacheFields", "databaseMetadataCacheFieldsMiB", "defaultRowFetchSize",
      "disableColumnSanitiser", "escapeSyntaxCallMode", "flushCacheOnDdl",
      "groupStartupParameters", "gssEncMode", "gsslib", "gssResponseTimeout",
      "hideUnprivilegedObjects", "hostRecheckSeconds", "jaasLogin", "kerberosServerName",
      "loadBalanceHosts", "localSocketAddress", "loginTimeout", "logServerErrorDetail",
      "logUnclosedConnections", "maxResultBuffer", "maxSendBufferSize", "options",
      "pemKeyAlgorithm", "PGDBNAME", "PGHOST", "PGPORT", "preferQueryMode",
      "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB", "prepareThreshold",
      "protocolVersion", "queryTimeout", "quoteReturningIdentifiers", "readOnly", "readOnlyMode",
      "receiveBufferSize", "replication", "requireAuth", "reWriteBatchedInserts",
      "reWriteBatchedInsertsSize", "scramMaxIterations", "sendBufferSize", "socketTimeout",
      "ssl", "sslmode", "sslNegotiation", "sslpassword", "sslResponseTimeout", "sspiServiceClass",
      "stringtype", "targetServerType", "tcpKeepAlive", "tcpNoDelay", "unknownLength", "user",
      "useSpnego");

  static Stream<Arguments> refusedParameters() {
    return Stream.of(
        Arguments.of("socketFactory=com.example.Evil", "load and run a class"),
        Arguments.of("socketFactoryArg=x", "load and run a class"),
        Arguments.of("sslfactory=com.example.TrustAll", "load and run a class"),
        Arguments.of("sslfactoryarg=x", "load and run a class"),
        Arguments.of("sslhostnameverifier=com.example.AnyHost", "load and run a class"),
        Arguments.of("sslpasswordcallback=com.example.Cb", "load and run a class"),
        Arguments.of("authenticationPluginClassName=com.example.P", "load and run a class"),
        Arguments.of("connectExecutor=com.example.E", "load and run a class"),
        Arguments.of("connectExecutorArg=x", "load and run a class"),
        Arguments.of("xmlFactoryFactory=com.example.X", "load and run a class"),
        Arguments.of("classLoaderStrategy=context-first", "load and run a class"),
        Arguments.of("sslcert=/etc/shadow", "read a file"),
        Arguments.of("sslkey=/root/.ssh/id_rsa", "read a file"),
        Arguments.of("sslrootcert=/etc/ca.pem", "read a file"),
        Arguments.of("service=prod", "pg_service.conf"),
        Arguments.of("loggerFile=/tmp/pg.log", "write a log file"),
        Arguments.of("loggerLevel=TRACE", "logging for every stream"),
        Arguments.of("gssUseDefaultCreds=true", "worker's own credentials"),
        Arguments.of("jaasApplicationName=WorkerLogin", "worker's own credentials"),
        Arguments.of("password=hunter2", "password field"));
  }

  @ParameterizedTest
  @MethodSource("refusedParameters")
  void refusesEachParameterNamingItsValueAndTheFix(String parameter, String why) {
    List<Problem> problems = JdbcUrlGuard.check("url", BASE + "?sslmode=require&" + parameter);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("url");
      String name = parameter.substring(0, parameter.indexOf('='));
      assertThat(p.message()).contains("the parameter " + name + "=").contains(why)
          .contains("remove it");
      if (!name.equals("password")) {
        assertThat(p.message()).contains(parameter);
      }
    });
  }

  @Test
  void everyRefusedNameIsTested() {
    assertThat(refusedParameters().map(a -> ((String) a.get()[0]).split("=")[0]
        .toLowerCase(Locale.ROOT))).containsExactlyInAnyOrderElementsOf(JdbcUrlGuard.refusedNames());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SOCKETFACTORY=com.example.Evil", "SslFactory=com.example.TrustAll",
      "socket%46actory=com.example.Evil", "sslfactory", "a=1&&sslfactory=x"})
  void refusesOtherSpellingsOfARefusedName(String query) {
    assertThat(JdbcUrlGuard.check("url", BASE + "?" + query))
        .anySatisfy(p -> assertThat(p.message()).contains("load and run a class"));
  }

  @Test
  void aPasswordNeverShowsInTheProblem() {
    List<Problem> problems = JdbcUrlGuard.check("url", BASE + "?password=hunter2&user=app");

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.value()).doesNotContain("hunter2").contains("password=***");
      assertThat(p.message()).doesNotContain("hunter2");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:mysql://db/shop", "jdbc:h2:mem:x", "postgresql://db/shop", "jdbc:postgres://db/shop"})
  void refusesEveryOtherScheme(String url) {
    assertThat(JdbcUrlGuard.check("url", url)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("jdbc:postgresql:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"${env:DB_URL}", "x?options=${file:/etc/secrets:pw}",
      "?ApplicationName=%24%7Bsys%3Auser.home%7D"})
  void refusesReferences(String tail) {
    String url = tail.startsWith("$") ? "jdbc:postgresql:" + tail : BASE + tail;

    assertThat(JdbcUrlGuard.check("url", url))
        .anySatisfy(p -> assertThat(p.message()).contains("reference Sluice does not expand"));
  }

  @Test
  void refusesUnknownParametersWithTheRightSpelling() {
    assertThat(JdbcUrlGuard.check("url", BASE + "?sslMode=verify-full")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("sslMode=verify-full")
            .contains("did you mean sslmode?"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db.internal:5432/shop",
      "jdbc:postgresql://a:5432,b:5433/shop?targetServerType=primary&sslmode=verify-full",
      "jdbc:postgresql:shop?user=app&ApplicationName=orders&currentSchema=sales",
      "jdbc:postgresql://db/shop?options=-c%20statement_timeout%3D5000&host=db2&port=5433"})
  void acceptsUrlsThatOnlyConnect(String url) {
    assertThat(JdbcUrlGuard.check("url", url)).isEmpty();
  }

  @Test
  void everyDriverParameterIsRefusedOrReviewed() {
    // Fails when a driver upgrade brings a parameter nobody has looked at yet.
    List<String> unreviewed = Arrays.stream(PGProperty.values()).map(PGProperty::getName)
        .filter(name -> !REVIEWED_SAFE.contains(name))
        .filter(name -> !JdbcUrlGuard.refusedNames().contains(name.toLowerCase(Locale.ROOT)))
        .toList();
    assertThat(unreviewed).as("driver parameters neither refused nor reviewed as safe").isEmpty();
    assertThat(REVIEWED_SAFE).allSatisfy(name ->
        assertThat(JdbcUrlGuard.check("url", BASE + "?" + name + "=1")).isEmpty());
  }
}
