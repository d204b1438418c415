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
    DisposableServer platform = fakePlatform(received);
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

  /**
   * A fire that one instance is in the middle of when it is killed is finished by the other (Quartz
   * cluster recovery): the test holds a lock that makes the fire wait just before it is recorded,
   * after its digest was queued and sent, kills the instance running it, and lets go.
   */
  @Test
  void aFireInterruptedByAKillIsFinishedByTheOtherInstanceOnce() throws Exception {
    AtomicInteger received = new AtomicInteger();
    DisposableServer platform = fakePlatform(received);
    String database = TestDatabase.createAnother("recover");
    List<String> common =
        List.of(
            "--duban.chat.generic[0].id=local",
            "--duban.chat.generic[0].secret=" + SECRET,
            "--duban.chat.generic[0].outbound-url=http://127.0.0.1:" + platform.port() + "/generic",
            "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000");
    try (ServiceProcess a = new ServiceProcess("recover-a", database, withId(common, "a"));
        ServiceProcess b = new ServiceProcess("recover-b", database, withId(common, "b"));
        Connection holder =
            DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "")) {
      a.start();
      b.start();
      holder.setAutoCommit(false);
      // reads go on, recording a fire waits
      holder.createStatement().execute("LOCK TABLE schedule_fire IN SHARE ROW EXCLUSIVE MODE");

      long scheduleId = createEveryFiveSeconds(WebClient.create(a.baseUrl()));
      String executing =
          "select count(*) from qrtz_fired_triggers where state = 'EXECUTING'"
              + " and job_name = 'schedule-"
              + scheduleId
              + "'";
      await(database, executing, 1, Duration.ofMinutes(1));
      await(
          database,
          "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
              + " where c.relname = 'schedule_fire' and not l.granted",
          1,
          Duration.ofMinutes(1));
      // the fire has queued the week's digest and the runner's instance has sent it
      awaitOutboxSettled(database, Duration.ofMinutes(1));
      long sentBefore =
          count(database, "select count(*) from outbox_message where status = 'SENT'");
      assertThat(sentBefore).isPositive();
      assertThat(
              count(
                  database, "select count(*) from schedule_fire where schedule_id = " + scheduleId))
          .isZero();
      String runner = text(database, executing.replace("count(*)", "instance_name"));
      long planned = count(database, executing.replace("count(*)", "sched_time"));

      (runner.equals("a") ? a : b).kill();
      holder.rollback();

      String plannedAt = "to_timestamp(" + planned + " / 1000.0)";
      await(
          database,
          "select count(*) from schedule_fire where schedule_id = "
              + scheduleId
              + " and planned_at = "
              + plannedAt,
          1,
          Duration.ofMinutes(1));
      // the survivor goes on firing after the recovered fire
      await(
          database,
          "select count(*) from schedule_fire where schedule_id = "
              + scheduleId
              + " and planned_at > "
              + plannedAt,
          1,
          Duration.ofMinutes(1));
      awaitOutboxSettled(database, Duration.ofMinutes(1));
      assertThat(
              count(
                  database,
                  "select count(*) from schedule_fire where schedule_id = "
                      + scheduleId
                      + " and planned_at = "
                      + plannedAt))
          .isOne();
      assertThat(
              count(
                  database,
                  "select count(*) from qrtz_fired_triggers where instance_name = '"
                      + runner
                      + "'"))
          .isZero();
      assertThat(count(database, "select count(*) from outbox_message where status = 'SENT'"))
          .isEqualTo(sentBefore);
      assertThat(received.get()).isEqualTo((int) sentBefore);
    } finally {
      platform.disposeNow();
    }
  }

  private static List<String> withId(List<String> properties, String instanceId) {
    List<String> all = new java.util.ArrayList<>(properties);
    all.add("--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId);
    return all;
  }

  private static DisposableServer fakePlatform(AtomicInteger received) {
    return HttpServer.create()
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

  private static String text(String database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
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
