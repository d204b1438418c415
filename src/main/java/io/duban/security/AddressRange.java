package io.duban.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * One address or CIDR range ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}), IPv4 or
 * IPv6. Written out rather than Spring Security's {@code IpAddressMatcher}, which needs the servlet
 * API on the class path.
 */
record AddressRange(byte[] network, int prefix) {

  /** Reads an address with an optional {@code /prefix}; only literal addresses, never DNS names. */
  static AddressRange parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    byte[] bytes =
        literal(slash < 0 ? trimmed : trimmed.substring(0, slash))
            .orElseThrow(
                () -> new IllegalArgumentException("not an IP address or CIDR range: " + text))
            .getAddress();
    int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalArgumentException("prefix out of range in " + text);
    }
    return new AddressRange(bytes, prefix);
  }

  /** The text as an address when it is an IP literal ({@code [::1]} too); never a DNS lookup. */
  static Optional<InetAddress> literal(String text) {
    String bare =
        text.startsWith("[") && text.contains("]") ? text.substring(1, text.indexOf(']')) : text;
    if (!bare.matches("[0-9a-fA-F:.]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF00 >> rest & 0xFF;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }
}
