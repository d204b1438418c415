package io.duban;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests' WebTestClient opens a new connection for every request instead of reusing kept-alive
 * ones from the JVM-wide pool. Under investigation: in CI, the first request of a test class
 * sometimes went unanswered for 30 s while every event loop of the JVM was idle (thread dump), as
 * if it had been written to a connection the server no longer read; see the issue notes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshConnections {

  @Bean
  WebTestClientBuilderCustomizer freshConnections() {
    return builder ->
        builder.clientConnector(
            new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())));
  }
}
