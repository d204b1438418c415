package io.duban;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests' WebTestClient opens a new connection for every request instead of reusing kept-alive
 * ones from the JVM-wide pool. Kept while an intermittent hang in CI is not explained: the first
 * request of a test class sometimes went unanswered for 30 s with every event loop of the JVM idle;
 * none hung in the runs since this was added. A probe refuted the obvious cause: pausing a cached
 * context does not stop its web server (Boot's web server lifecycles are not pauseable), and a
 * connection kept alive across a pause, a stop and start, or a 65 s idle gap was answered or
 * refused at once, never left hanging. {@link ThreadDumpOnTimeout} prints the requests in flight
 * and the database sessions at a timeout to find the real one.
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
