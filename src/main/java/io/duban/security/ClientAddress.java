package io.duban.security;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the client a request came from: the connection's peer, or behind a trusted proxy
 * the address it forwarded ({@link TrustedProxies}; Spring keeps that one unresolved).
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
