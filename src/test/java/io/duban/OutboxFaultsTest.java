package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.generic.GenericSignature;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The outbox against a platform that is down, then answers 5xx, rate-limit refusals and too slowly
 * before it recovers, with a SIGKILL of the service in between: every queued reply is delivered,
 * and delivered once.
 */
class OutboxFaultsTest {

  private static final String SECRET = "outbox-faults-secret-9d2";
  private static final int MESSAGES = 30;
  private static final Pattern PERCENT = Pattern.compile("进度(\\d+)%");

  @Test
  void everyQueuedReplyIsDeliveredOnceAfterOutagesFaultsAndARestart() throws Exception {
    int platformPort = freePort();
    String database = TestDatabase.createAnother("outbox");
    List<String> properties =
        List.of(
            "--duban.callbacks.rate-limit.enabled=false",
            "--duban.delivery.initial-backoff=1s",
            "--duban.delivery.max-backoff=3s",
            "--duban.delivery.max-attempts=1000",
            "--duban.delivery.send-timeout=1s",
            "--duban.delivery.poll-interval=500ms",
            "--duban.chat.generic[0].id=local",
            "--duban.chat.generic[0].secret=" + SECRET,
            "--duban.chat.generic[0].outbound-url=http://127.0.0.1:" + platformPort + "/generic");
    Map<Integer, Integer> delivered = new ConcurrentHashMap<>();
    AtomicInteger requests = new AtomicInteger();
    try (ServiceProcess service = new ServiceProcess("outbox-faults", database, properties)) {
      service.start();
      WebClient web = WebClient.create(service.baseUrl());
      Flux.range(1, MESSAGES)
          .flatMap(i -> callback(web, i), 4)
          .doOnNext(status -> assertThat(status).isEqualTo(200))
          .blockLast(Duration.ofMinutes(2));
      // the platform is down: replies are queued and retried, none can be sent
      await(
          database,
          "select count(*) from outbox_message where attempts > 1",
          MESSAGES,
          Duration.ofMinutes(2));
      service.kill();

      // the platform comes back misbehaving: 500, 429, too slow, then well
      DisposableServer platform =
          HttpServer.create()
              .host("127.0.0.1")
              .port(platformPort)
              .route(
                  routes ->
                      routes.post(
                          "/generic",
                          (request, response) ->
                              request
                                  .receive()
                                  .aggregate()
                                  .asString(StandardCharsets.UTF_8)
                                  .flatMap(
                                      body -> {
                                        int n = requests.incrementAndGet();
                                        if (n <= 60) {
                                          int mode = n % 3;
                                          if (mode == 0) {
                                            return response.status(500).send().then();
                                          }
                                          if (mode == 1) {
                                            return response.status(429).send().then();
                                          }
                                          return Mono.delay(Duration.ofSeconds(3))
                                              .then(response.status(504).send().then());
                                        }
                                        Matcher m = PERCENT.matcher(body);
                                        if (m.find()) {
                                          delivered.merge(
                                              Integer.parseInt(m.group(1)), 1, Integer::sum);
                                        }
                                        return response
                                            .status(200)
                                            .sendString(Mono.just("{}"))
                                            .then();
                                      })))
              .bindNow();
      try {
        service.start();
        await(
            database,
            "select case when count(*) = 0 then 1 else 0 end from outbox_message"
                + " where status in ('PENDING', 'SENDING')",
            1,
            Duration.ofMinutes(4));
      } finally {
        platform.disposeNow();
      }
    }
    assertThat(count(database, "select count(*) from outbox_message where status = 'DEAD'"))
        .isZero();
    assertThat(count(database, "select count(*) from outbox_message where status = 'SENT'"))
        .isEqualTo(MESSAGES);
    assertThat(delivered).hasSize(MESSAGES);
    assertThat(delivered.values()).allMatch(times -> times == 1);
    assertThat(requests.get()).isGreaterThan(60);
  }

  private static Mono<Integer> callback(WebClient web, int i) {
    String body =
        "{\"messageId\":\"fault-"
            + i
            + "\",\"chatId\":\"sim-platforms\","
            + "\"senderId\":\"sim-platforms\",\"text\":\"1.2 省重点实验室申报第"
            + i
            + "轮，进度"
            + i
            + "%\"}";
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return web.post()
        .uri("/callbacks/generic/local")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Duban-Timestamp", ts)
        .header(
            "X-Duban-Signature",
            GenericSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
        .bodyValue(body)
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
  }

  private static void await(String database, String sql, long atLeast, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (count(database, sql) < atLeast) {
      assertThat(System.nanoTime()).as("waiting for: " + sql).isLessThan(deadline);
      Thread.sleep(500); // waiting on another process's work
    }
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
