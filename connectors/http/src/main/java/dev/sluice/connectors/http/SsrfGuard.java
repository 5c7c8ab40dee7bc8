package dev.sluice.connectors.http;

import dev.sluice.api.Problem;
import dev.sluice.api.config.ConfigField;
import dev.sluice.api.config.ConfigType;
import dev.sluice.api.error.ConfigException;
import dev.sluice.api.error.RetriableException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the components that call out ({@code http_poll}, the {@code http} output) from being
 * pointed inside the network Sluice runs in: loopback, private ranges, link-local addresses (where
 * cloud metadata services hand out credentials), the unspecified address and non-unicast ranges
 * are refused (server-side request forgery).
 *
 * <p>Two checks. {@link #check} reads the URL alone, without the network, during validation: the
 * scheme, the host, and addresses written literally. {@link #checkResolved} runs before every
 * connection and judges every address the host name resolves to, so a public-looking name that
 * resolves (or is re-pointed) to {@code 127.0.0.1} is refused too. The JDK's client then resolves
 * the name again; within the JVM's DNS cache lifetime ({@code networkaddress.cache.ttl}, 30 s by
 * default) it gets the answer just judged.
 *
 * <p>{@code allowPrivateNetworks: true} opens loopback, private ranges and the unspecified address;
 * link-local and metadata addresses open only for a host named in {@code allowHosts}, which skips
 * every check for that host.
 *
 * <p>Immutable and thread-safe.
 */
final class SsrfGuard {

  static final String ALLOW_PRIVATE_NETWORKS = "allowPrivateNetworks";
  static final String ALLOW_HOSTS = "allowHosts";

  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  /** Hosts that only look like names, but resolvers read as addresses: 2130706433, 0x7f.1. */
  private static final Pattern NUMERIC_LABELS = Pattern.compile(
      "(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*", Pattern.CASE_INSENSITIVE);

  private final boolean allowPrivateNetworks;
  private final Set<String> allowHosts;

  /**
   * @param allowPrivateNetworks whether loopback, private and unspecified addresses are allowed
   * @param allowHosts host names or literal addresses allowed whatever they resolve to
   */
  SsrfGuard(boolean allowPrivateNetworks, Collection<String> allowHosts) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.allowHosts = allowHosts.stream().map(SsrfGuard::normalise).collect(Collectors.toSet());
  }

  /** The guard a component's validated config asks for. */
  static SsrfGuard from(ConfigValues config) {
    return new SsrfGuard(config.bool(ALLOW_PRIVATE_NETWORKS), config.list(ALLOW_HOSTS));
  }

  /** The spec field {@value #ALLOW_PRIVATE_NETWORKS}. */
  static ConfigField.Builder allowPrivateNetworksField() {
    return ConfigField.builder(ALLOW_PRIVATE_NETWORKS, ConfigType.BOOLEAN)
        .defaultValue(false)
        .doc("Allow destinations on loopback (127.0.0.0/8, ::1), private ranges (10.0.0.0/8, "
            + "172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7) and 0.0.0.0. Off, such "
            + "destinations are refused, so that a stream cannot reach services inside the "
            + "cluster. Link-local and cloud metadata addresses stay refused; see allowHosts.");
  }

  /** The spec field {@value #ALLOW_HOSTS}. */
  static ConfigField.Builder allowHostsField() {
    return ConfigField.builder(ALLOW_HOSTS, ConfigType.LIST)
        .elements(ConfigType.STRING)
        .doc("Hosts (names or literal addresses, as written in the URL) allowed whatever they "
            + "resolve to, including private and link-local addresses.")
        .examples("[billing.internal]", "[10.0.3.7]");
  }

  /**
   * The problems of {@code value}, the URL in field {@code field}, found without the network: not
   * a URL, not http or https, no host, credentials in it, or a host that is refused by its
   * literal address or by being {@code localhost}.
   */
  List<Problem> check(String field, Object value) {
    String text = String.valueOf(value);
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      return List.of(Problem.at(field, text, "not a valid URL (" + e.getReason() + " at index "
          + e.getIndex() + "); write it like https://api.example.com/v1/events"));
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return List.of(Problem.at(field, text, "only http and https URLs are allowed, got "
          + (scheme.isEmpty() ? "no scheme" : "'" + scheme + "'")
          + "; write it like https://api.example.com/v1/events"));
    }
    if (url.getHost() == null) {
      return List.of(Problem.at(field, text, "the URL has no host Sluice can use (host names "
          + "take letters, digits, '-' and '.'; addresses take four decimal numbers, such as "
          + "93.184.216.34); write it like https://api.example.com/v1/events"));
    }
    if (url.getRawUserInfo() != null) {
      return List.of(Problem.at(field, redacted(url), "the URL carries credentials, which would "
          + "show wherever the URL does; remove them and send them in headers, such as "
          + "headers: {Authorization: Basic ...}"));
    }
    String host = normalise(url.getHost());
    if (allowHosts.contains(host)) {
      return List.of();
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      AddressClass.Verdict loopback = new AddressClass.Verdict(AddressClass.LOOPBACK, "localhost");
      return refusal(field, text, host, loopback).map(List::of).orElse(List.of());
    }
    Optional<InetAddress> literal;
    try {
      literal = literal(host);
    } catch (UnknownHostException e) {
      return List.of(Problem.at(field, text, "the host " + host + " is neither a name nor an "
          + "address Sluice accepts; write addresses as four decimal numbers, such as "
          + "93.184.216.34"));
    }
    return literal.flatMap(a -> refusal(field, text, a.getHostAddress(), AddressClass.of(a)))
        .map(List::of).orElse(List.of());
  }

  /**
   * Resolves the host of {@code url} and refuses it unless every address it resolves to is
   * allowed. Call right before connecting.
   *
   * @throws ConfigException when an address is refused, naming it and the fix
   * @throws RetriableException when the name does not resolve (DNS may come back)
   */
  void checkResolved(String field, URI url) throws ConfigException, RetriableException {
    String host = normalise(url.getHost());
    if (allowHosts.contains(host)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new RetriableException("the host " + host + " of " + field + " does not resolve ("
          + e.getMessage() + "); check the name, or wait for DNS to answer", e);
    }
    for (InetAddress address : addresses) {
      Optional<Problem> refused = refusal(field, url.toString(),
          host + " (which resolves to " + address.getHostAddress() + ")", AddressClass.of(address));
      if (refused.isPresent()) {
        throw new ConfigException(List.of(refused.get()));
      }
    }
  }

  /** The problem with a destination of {@code verdict}, or empty when the guard allows it. */
  private Optional<Problem> refusal(
      String field, String url, String where, AddressClass.Verdict verdict) {
    AddressClass kind = verdict.addressClass();
    if (kind == AddressClass.PUBLIC || (allowPrivateNetworks && kind.privateNetwork())) {
      return Optional.empty();
    }
    String fix = kind.privateNetwork()
        ? "set " + ALLOW_PRIVATE_NETWORKS + ": true if this host is yours, or name it in "
            + ALLOW_HOSTS
        : "name the host in " + ALLOW_HOSTS + " if you really mean to reach it ("
            + ALLOW_PRIVATE_NETWORKS + " does not open such addresses)";
    return Optional.of(Problem.at(field, url, "the URL points to " + where + ", "
        + kind.description() + " (" + verdict.range() + "), which Sluice refuses so that a "
        + "stream cannot reach services inside its own network; " + fix));
  }

  /**
   * The address {@code host} writes literally, without any name lookup; empty for a host name.
   *
   * @throws UnknownHostException for addresses written in other ways than four decimal numbers
   *     without leading zeros (a bare number, hex, octal), which resolvers read differently
   */
  private static Optional<InetAddress> literal(String host) throws UnknownHostException {
    if (host.indexOf(':') >= 0) {
      return Optional.of(InetAddress.getByName(host)); // IPv6: parsed, never looked up
    }
    Matcher quad = DOTTED_QUAD.matcher(host);
    if (quad.matches()) {
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        String text = quad.group(i + 1);
        int part = Integer.parseInt(text);
        if (part > 255 || (text.length() > 1 && text.startsWith("0"))) {
          throw new UnknownHostException(host);
        }
        bytes[i] = (byte) part;
      }
      return Optional.of(InetAddress.getByAddress(bytes));
    }
    if (NUMERIC_LABELS.matcher(host).matches()) {
      throw new UnknownHostException(host);
    }
    return Optional.empty();
  }

  /** Lower case, without IPv6 brackets or a trailing dot. */
  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static String redacted(URI url) {
    return url.getScheme() + "://***@" + url.getRawAuthority()
        .substring(url.getRawAuthority().indexOf('@') + 1) + (url.getRawPath() == null ? ""
        : url.getRawPath());
  }
}
