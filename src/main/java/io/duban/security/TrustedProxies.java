package io.duban.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Believes {@code X-Forwarded-Proto}/{@code -Host}/{@code -Port}/{@code -For} and {@code Forwarded}
 * only from the reverse proxies in {@code duban.security.trusted-proxies}; from anyone else they
 * are removed. Applied to every request before the exchange exists (Spring's web handler picks it
 * up by its bean name), so the request's scheme and client address are right everywhere after: the
 * session cookie is {@code Secure} and HSTS is sent exactly when the browser spoke https, and
 * sign-in back-off counts the real client, not the proxy.
 */
final class TrustedProxies extends ForwardedHeaderTransformer {

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<AddressRange> proxies;
  private final ForwardedHeaderTransformer remover = new ForwardedHeaderTransformer();

  TrustedProxies(List<String> proxies) {
    this.proxies = proxies.stream().map(AddressRange::parse).toList();
    remover.setRemoveOnly(true);
  }

  @Override
  public ServerHttpRequest apply(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || !trusted(remote.getAddress())) {
      return remover.apply(request);
    }
    String forwardedFor = request.getHeaders().getFirst(FORWARDED_FOR);
    if (forwardedFor == null) {
      return super.apply(request);
    }
    String client = client(forwardedFor);
    return super.apply(request.mutate().headers(h -> h.set(FORWARDED_FOR, client)).build());
  }

  /**
   * A proxy appends the address it saw to whatever {@code X-Forwarded-For} the client sent, so only
   * the right end is vouched for: the client is the last entry that is not one of our proxies.
   */
  private String client(String forwardedFor) {
    List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
    for (int i = hops.size() - 1; i > 0; i--) {
      if (!trusted(AddressRange.literal(hops.get(i)).orElse(null))) {
        return hops.get(i);
      }
    }
    return hops.get(0);
  }

  private boolean trusted(InetAddress address) {
    return address != null && proxies.stream().anyMatch(range -> range.contains(address));
  }
}
