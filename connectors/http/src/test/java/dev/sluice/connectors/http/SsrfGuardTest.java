package dev.sluice.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.api.Problem;
import dev.sluice.api.error.ConfigException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  private static final SsrfGuard STRICT = new SsrfGuard(false, List.of());
  private static final SsrfGuard PRIVATE_ALLOWED = new SsrfGuard(true, List.of());

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1/", "http://127.8.9.10:8080/x", "http://10.1.2.3/", "http://172.16.0.1/",
      "http://172.31.255.255/", "http://192.168.1.1/", "http://100.64.0.1/",
      "http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/", "http://0.0.0.0/",
      "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/",
      "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
      "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/",
      "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://localhost:9000/",
      "http://api.localhost/", "http://LOCALHOST./", "http://2130706433/",
      "http://0x7f000001/", "http://017700000001/", "http://0177.0.0.1/", "http://127.0.0.01/"})
  void addressesInsideTheNetworkAreRefused(String url) {
    List<Problem> problems = STRICT.check("url", url);

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("url");
      assertThat(p.value()).isEqualTo(url);
      assertThat(p.message()).isNotBlank();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://api.example.com/v1/events", "http://93.184.216.34/", "http://11.0.0.1/",
      "http://172.32.0.1/", "http://172.15.255.255/", "http://192.169.0.1/",
      "http://100.128.0.1/", "http://169.255.0.1/", "http://[2606:4700:4700::1111]/",
      "https://deadbeef.example.com/", "http://0xdeadbeef.com/"})
  void publicDestinationsAreAllowed(String url) {
    assertThat(STRICT.check("url", url)).isEmpty();
  }

  @Test
  void aPrivateAddressIsRefusedNamingTheFieldTheValueAndTheFix() {
    Problem problem = STRICT.check("url", "http://10.0.0.5/hook").get(0);

    assertThat(problem.path()).isEqualTo("url");
    assertThat(problem.value()).isEqualTo("http://10.0.0.5/hook");
    assertThat(problem.message()).contains("10.0.0.5", "10.0.0.0/8", "private network",
        "set allowPrivateNetworks: true if this host is yours", "allowHosts");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:8080/", "http://10.1.2.3/", "http://192.168.0.10/", "http://[::1]/",
      "http://[fd12::1]/", "http://0.0.0.0/", "http://localhost/"})
  void allowPrivateNetworksOpensLoopbackAndPrivateRanges(String url) {
    assertThat(PRIVATE_ALLOWED.check("url", url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
      "http://100.100.100.200/", "http://224.0.0.1/"})
  void allowPrivateNetworksLeavesLinkLocalAndMetadataRefused(String url) {
    assertThat(PRIVATE_ALLOWED.check("url", url)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("allowHosts"));
  }

  @Test
  void aHostNamedInAllowHostsIsAllowedWhateverItIs() throws Exception {
    SsrfGuard guard = new SsrfGuard(false, List.of("169.254.169.254", "LocalHost", "[::1]"));

    assertThat(guard.check("url", "http://169.254.169.254/latest/")).isEmpty();
    assertThat(guard.check("url", "http://localhost:8080/")).isEmpty();
    assertThat(guard.check("url", "http://[::1]/")).isEmpty();
    assertThat(guard.check("url", "http://10.0.0.1/")).hasSize(1);
    assertThatCode(() -> guard.checkResolved("url", URI.create("http://localhost:8080/")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/file", "file:///etc/passwd", "example.com/x",
      "gopher://example.com/", "http://exa mple.com/", "http:///path", "http://a_b.example.com/"})
  void onlyHttpAndHttpsUrlsWithAHostAreAccepted(String url) {
    assertThat(STRICT.check("url", url)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("https://api.example.com"));
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
    assertThat(STRICT.check("url", "https://user:hunter2@example.com/x")).singleElement()
        .satisfies(p -> {
          assertThat(p.value()).doesNotContain("hunter2");
          assertThat(p.message()).contains("headers");
        });
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedAtConnectTime() {
    ConfigException refused = catchThrowableOfType(ConfigException.class,
        () -> STRICT.checkResolved("url", URI.create("http://localhost:8080/hook")));

    assertThat(refused.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("url");
      assertThat(p.value()).isEqualTo("http://localhost:8080/hook");
      assertThat(p.message()).contains("resolves to", "loopback",
          "allowPrivateNetworks: true if this host is yours");
    });
  }

  @Test
  void aNameThatResolvesToLoopbackPassesWithAllowPrivateNetworks() {
    assertThatCode(() -> PRIVATE_ALLOWED.checkResolved("url", URI.create("http://localhost/")))
        .doesNotThrowAnyException();
  }

  @Test
  void aPublicAddressPassesAtConnectTime() {
    assertThatCode(() -> STRICT.checkResolved("url", URI.create("http://93.184.216.34/")))
        .doesNotThrowAnyException();
  }
}
