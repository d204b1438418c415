package io.duban.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class TrustedProxiesTest {

  private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7"));

  @Test
  void believesForwardedSchemeAndClientOnlyFromTrustedProxies() {
    ServerHttpRequest viaProxy = proxies.apply(request("10.1.2.3", "https", "203.0.113.5"));
    assertThat(viaProxy.getURI().getScheme()).isEqualTo("https");
    assertThat(viaProxy.getRemoteAddress().getHostString()).isEqualTo("203.0.113.5");

    ServerHttpRequest direct = proxies.apply(request("203.0.113.9", "https", "10.9.9.9"));
    assertThat(direct.getURI().getScheme()).isEqualTo("http");
    assertThat(direct.getRemoteAddress().getHostString()).isEqualTo("203.0.113.9");
    assertThat(direct.getHeaders().containsHeader("X-Forwarded-Proto")).isFalse();
    assertThat(direct.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
  }

  @Test
  void theClientIsTheLastForwardedAddressThatIsNotAProxy() {
    ServerHttpRequest forged =
        proxies.apply(request("10.1.2.3", "https", "1.2.3.4, 203.0.113.5, 192.168.1.7"));
    assertThat(forged.getRemoteAddress().getHostString()).isEqualTo("203.0.113.5");
  }

  @Test
  void rangesMatchByPrefixAndRefuseNames() throws Exception {
    AddressRange range = AddressRange.parse("172.16.0.0/12");
    assertThat(range.contains(InetAddress.getByName("172.31.255.1"))).isTrue();
    assertThat(range.contains(InetAddress.getByName("172.32.0.1"))).isFalse();
    assertThat(AddressRange.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(AddressRange.parse("fd00::/8").contains(InetAddress.getByName("10.0.0.1")))
        .isFalse();
    assertThatThrownBy(() -> AddressRange.parse("proxy.example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ServerHttpRequest request(String remote, String proto, String forwardedFor) {
    return MockServerHttpRequest.get("http://duban.example.gov.cn/dashboard")
        .remoteAddress(new InetSocketAddress(remote, 40000))
        .header("X-Forwarded-Proto", proto)
        .header("X-Forwarded-For", forwardedFor)
        .build();
  }
}
