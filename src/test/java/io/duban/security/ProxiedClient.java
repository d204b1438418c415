package io.duban.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * A client that connects from 127.0.0.2, the reverse proxy the {@code test} profile trusts ({@code
 * duban.security.trusted-proxies}), so a test can forward a client address and scheme.
 */
public final class ProxiedClient {

  public static final String PROXY = "127.0.0.2";

  private ProxiedClient() {}

  /** A client of the service on {@code port} whose connections come from {@code source}. */
  public static WebTestClient from(String source, int port) {
    HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(source, 0));
    return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** A client connecting as the trusted proxy. */
  public static WebTestClient proxy(int port) {
    return from(PROXY, port);
  }
}
