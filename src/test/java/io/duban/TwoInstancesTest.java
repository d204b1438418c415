package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.generic.GenericSignature;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Two service instances on one PostgreSQL behind no load balancer: a callback delivered to both is
 * stored and answered once, a schedule's every fire runs on one instance only, the survivor keeps
 * firing after the other is killed, and the outbox never sends a dedupe key twice.
 */
class TwoInstancesTest {

  private static final String SECRET = "two-instances-secret-5c1";
  private static final int MESSAGES = 40;

  @Test
  void twoInstancesShareCallbacksSchedulesAndTheOutboxWithoutDoingAnythingTwice() throws Exception {
    AtomicInteger received = new AtomicInteger();
    DisposableServer platform =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes.post(
                        "/generic",
                        (request, response) ->
                            request
                                .receive()
                                .aggregate()
                                .asString()
                                .doOnNext(body -> received.incrementAndGet())
                                .then(response.status(200).sendString(Mono.just("{}")).then())))
            .bindNow();
    String database = TestDatabase.createAnother("two");
    List<String> properties =
        List.of(
            "--duban.callbacks.rate-limit.enabled=false",
            "--duban.chat.inbound.sweep-interval=2s",
            "--duban.chat.generic[0].id=local",
            "--duban.chat.generic[0].secret=" + SECRET,
            "--duban.chat.generic[0].outbound-url=http://127.0.0.1:"
                + platform.port()
                + "/generic");
    try (ServiceProcess a = new ServiceProcess("two-instances-a", database, properties);
        ServiceProcess b = new ServiceProcess("two-instances-b", database, properties)) {
      a.start();
      b.start();
      WebClient toA = WebClient.create(a.baseUrl());
      WebClient toB = WebClient.create(b.baseUrl());

      // every report reaches both instances at once, as a platform retry racing the original
      Flux.range(0, MESSAGES)
          .flatMap(i -> Flux.merge(callback(toA, i), callback(toB, i)), 8)
          .doOnNext(status -> assertThat(status).isEqualTo(200))
          .blockLast(Duration.ofMinutes(3));

      long scheduleId = createEveryFiveSeconds(toA);
      await(
          database,
          "select count(*) from schedule_fire where schedule_id = "
              + scheduleId
              + " and trigger = 'SCHEDULED'",
          4,
          Duration.ofMinutes(2));
      a.kill();
      long firesBefore =
          count(database, "select count(*) from schedule_fire where schedule_id = " + scheduleId);
      await(
          database,
          "select count(*) from schedule_fire where schedule_id = " + scheduleId,
          firesBefore + 3,
          Duration.ofMinutes(2));
      awaitOutboxSettled(database, Duration.ofMinutes(2));

      assertThat(count(database, "select count(*) from inbound_message")).isEqualTo(MESSAGES);
      assertThat(count(database, "select count(*) from progress_report")).isEqualTo(MESSAGES);
      assertThat(
              count(
                  database,
                  "select count(*) from (select planned_at from schedule_fire"
                      + " where schedule_id = "
                      + scheduleId
                      + " and trigger = 'SCHEDULED'"
                      + " group by planned_at having count(*) > 1) twice"))
          .isZero();
      long sentToFake =
          count(
              database,
              "select count(*) from outbox_message where status = 'SENT'"
                  + " and platform = 'GENERIC'");
      assertThat(sentToFake).isGreaterThanOrEqualTo(MESSAGES + 1);
      assertThat(received.get()).isEqualTo((int) sentToFake);
    } finally {
      platform.disposeNow();
    }
  }

  private static Mono<Integer> callback(WebClient web, int i) {
    String body =
        "{\"messageId\":\"two-"
            + i
            + "\",\"chatId\":\"sim-platforms\","
            + "\"senderId\":\"sim-platforms\",\"senderName\":\"平台科联络员\",\"text\":\"1.2 第"
            + i
            + "批申报材料已报送，进度"
            + (20 + i)
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

  private static long createEveryFiveSeconds(WebClient web) {
    Map<?, ?> created =
        web.post()
            .uri("/api/v1/schedules")
            .header("Authorization", "Bearer process-admin-token")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "name",
                    "every-five-seconds",
                    "kind",
                    "DIGEST",
                    "cron",
                    "0/5 * * * * ?",
                    "target",
                    "leaders",
                    "workdayRule",
                    "FIRE_ANY_DAY"))
            .retrieve()
            .bodyToMono(Map.class)
            .block(Duration.ofSeconds(30));
    return ((Number) created.get("id")).longValue();
  }

  private static void awaitOutboxSettled(String database, Duration limit) throws Exception {
    await(
        database,
        "select case when count(*) = 0 then 1 else 0 end from outbox_message"
            + " where platform = 'GENERIC' and status not in ('SENT', 'DEAD')",
        1,
        limit);
  }

  private static void await(String database, String sql, long atLeast, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (count(database, sql) < atLeast) {
      assertThat(System.nanoTime()).as("waiting for: " + sql).isLessThan(deadline);
      Thread.sleep(500); // waiting on other processes' work
    }
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
