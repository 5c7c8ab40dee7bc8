package dev.sluice.connectors.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which kind of network an IP address belongs to, as far as the SSRF guard cares, with the range
 * that decided it.
 *
 * <p>IPv6 addresses that carry an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4 address
 * inside, so {@code ::ffff:127.0.0.1} is loopback.
 */
enum AddressClass {
  PUBLIC("a public address"),
  LOOPBACK("a loopback address"),
  PRIVATE("a private network address"),
  UNSPECIFIED("the unspecified address, which reaches this machine"),
  LINK_LOCAL("a link-local address, where cloud metadata services answer"),
  METADATA("a cloud metadata service address"),
  NOT_UNICAST("a multicast, broadcast or reserved address");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  /** How the class reads in a message: "a private network address". */
  String description() {
    return description;
  }

  /** Whether {@code allowPrivateNetworks: true} opens this class; link-local never. */
  boolean privateNetwork() {
    return this == LOOPBACK || this == PRIVATE || this == UNSPECIFIED;
  }

  /** The class of an address and the range (CIDR) that put it there; PUBLIC has none. */
  record Verdict(AddressClass addressClass, String range) {}

  /** Most specific first: the metadata hosts lie inside wider ranges. */
  private static final List<Range> RANGES = List.of(
      Range.of("100.100.100.200/32", METADATA),
      Range.of("fd00:ec2::254/128", METADATA),
      Range.of("0.0.0.0/8", UNSPECIFIED),
      Range.of("127.0.0.0/8", LOOPBACK),
      Range.of("10.0.0.0/8", PRIVATE),
      Range.of("172.16.0.0/12", PRIVATE),
      Range.of("192.168.0.0/16", PRIVATE),
      Range.of("100.64.0.0/10", PRIVATE),
      Range.of("169.254.0.0/16", LINK_LOCAL),
      Range.of("224.0.0.0/4", NOT_UNICAST),
      Range.of("240.0.0.0/4", NOT_UNICAST),
      Range.of("::/128", UNSPECIFIED),
      Range.of("::1/128", LOOPBACK),
      Range.of("fe80::/10", LINK_LOCAL),
      Range.of("fec0::/10", PRIVATE),
      Range.of("fc00::/7", PRIVATE),
      Range.of("ff00::/8", NOT_UNICAST));

  /** Judges {@code address}. */
  static Verdict of(InetAddress address) {
    byte[] bytes = address.getAddress();
    byte[] embedded = embeddedIpv4(bytes);
    if (embedded != null) {
      return of(embedded);
    }
    return of(bytes);
  }

  private static Verdict of(byte[] bytes) {
    for (Range range : RANGES) {
      if (range.contains(bytes)) {
        return new Verdict(range.addressClass(), range.cidr());
      }
    }
    return new Verdict(PUBLIC, "");
  }

  /** The IPv4 address an IPv6 address carries, or null. */
  private static byte[] embeddedIpv4(byte[] bytes) {
    if (bytes.length != 16) {
      return null;
    }
    if (bytes[0] == 0x20 && bytes[1] == 0x02) { // 6to4: 2002:AABB:CCDD::/48
      return Arrays.copyOfRange(bytes, 2, 6);
    }
    boolean zeros = allZero(bytes, 0, 10);
    boolean mapped = zeros && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    boolean compatible = zeros && bytes[10] == 0 && bytes[11] == 0 && !allZero(bytes, 12, 15);
    boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff
        && bytes[3] == (byte) 0x9b && allZero(bytes, 4, 12);
    return mapped || compatible || nat64 ? Arrays.copyOfRange(bytes, 12, 16) : null;
  }

  /** Whether bytes {@code from} (inclusive) to {@code to} (exclusive) are all zero. */
  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address range in CIDR notation. */
  private record Range(byte[] prefix, int bits, AddressClass addressClass, String cidr) {

    static Range of(String cidr, AddressClass addressClass) {
      int slash = cidr.indexOf('/');
      try {
        // Literals only: no name lookup happens here.
        byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), addressClass, cidr);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not a CIDR range: " + cidr, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }
}
