package io.duban.delivery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.delivery.Outbox;
import io.duban.delivery.OwnDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The outbox's dispatch rate: 1,000 WeCom group robots on a local fake platform, a few messages
 * queued for each through the real {@link Outbox}, sent by the real dispatcher with the service's
 * default settings; messages per second until all are SENT, queue-to-sent latency, and each dedupe
 * key received exactly once. Not part of the normal test run; run it with {@code mvn -q test
 * -Dgroups=bench -Dtest=OutboxBench}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "groups", matches = ".*bench.*")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.quartz.auto-startup=false",
      "duban.delivery.dispatcher-enabled=true",
      "duban.units.file=classpath:no-units-here.yml",
      "duban.chat.inbound.sweep-interval=0",
      "logging.level.io.duban.delivery=WARN"
    })
@ActiveProfiles("test")
@ContextConfiguration(initializers = OutboxBench.Setup.class)
class OutboxBench {

  private static final int DESTINATIONS = Integer.getInteger("bench.destinations", 1000);
  private static final int PER_DESTINATION = Integer.getInteger("bench.perDestination", 5);
  private static final Duration BOUND = Duration.parse(System.getProperty("bench.bound", "PT10M"));
  private static final Pattern KEY = Pattern.compile("outbox-bench-[0-9]+-[0-9]+");

  private static OwnDatabase db;
  private static DisposableServer platform;
  private static final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

  /**
   * Creates the bench's own database, the fake platform and the 1,000 robots, only when the bench
   * really runs.
   */
  static final class Setup
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      db = new OwnDatabase();
      platform = fakeWeCom();
      List<String> properties = new ArrayList<>();
      properties.add("duban.db.url=" + db.url());
      properties.add("duban.db.user=" + OwnDatabase.USER);
      String base = "http://127.0.0.1:" + platform.port();
      for (int i = 0; i < DESTINATIONS; i++) {
        String p = "duban.chat.wecom[" + i + "].";
        properties.add(p + "id=bench" + i);
        properties.add(p + "kind=GROUP_ROBOT");
        properties.add(p + "webhook-key=key" + i);
        properties.add(p + "api-base-url=" + base);
      }
      TestPropertyValues.of(properties).applyTo(context.getEnvironment());
    }
  }

  /** A WeCom robot endpoint that answers at once and counts the dedupe keys it is sent. */
  private static DisposableServer fakeWeCom() {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(0)
        .handle(
            (req, res) ->
                req.receive()
                    .aggregate()
                    .asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .flatMap(
                        body -> {
                          Matcher m = KEY.matcher(body);
                          if (m.find()) {
                            received
                                .computeIfAbsent(m.group(), k -> new AtomicInteger())
                                .incrementAndGet();
                          }
                          return res.header("Content-Type", "application/json")
                              .sendString(Mono.just("{\"errcode\":0,\"errmsg\":\"ok\"}"))
                              .then();
                        }))
        .bindNow();
  }

  @Autowired Outbox outbox;

  @AfterAll
  static void cleanUp() {
    if (platform != null) {
      platform.disposeNow();
    }
    if (db != null) {
      db.drop();
    }
  }

  @Test
  void sendsEveryMessageOnceAndMeasuresTheRate() throws Exception {
    int total = DESTINATIONS * PER_DESTINATION;
    long start = System.nanoTime();
    // Round-robin over the robots, as many units' groups would be served after a schedule fires.
    Integer queued =
        Flux.range(0, total)
            .flatMap(
                n -> {
                  int d = n % DESTINATIONS;
                  String key = "outbox-bench-" + d + "-" + n / DESTINATIONS;
                  return outbox.enqueue(
                      Destination.webhook(Platform.WECOM, "bench" + d),
                      OutboundMessage.text("本周督办提醒 " + key, List.of()),
                      key);
                },
                8)
            .reduce(0, Integer::sum)
            .block(BOUND);
    long queuedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(queued).isEqualTo(total);

    long deadline = System.nanoTime() + BOUND.toNanos();
    long sent = 0;
    while (System.nanoTime() < deadline) {
      sent = count("select count(*) from outbox_message where status = 'SENT'");
      if (sent == total || count("select count(*) from outbox_message where status = 'DEAD'") > 0) {
        break;
      }
      Thread.sleep(200);
    }
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
    double[] stats = timings();
    long once = received.values().stream().filter(c -> c.get() == 1).count();
    long duplicated = received.values().stream().filter(c -> c.get() > 1).count();
    System.out.printf(
        "outbox bench: %d destinations, %d messages, %.1f msg/s (first queued to last sent %.1f s),"
            + " queue-to-sent p50 %.0f ms, p99 %.0f ms, max %.0f ms; queueing took %d ms;"
            + " %d SENT, %d keys received once, %d more than once (wall %.1f s)%n",
        DESTINATIONS,
        total,
        sent / (stats[0] / 1000.0),
        stats[0] / 1000.0,
        stats[1],
        stats[2],
        stats[3],
        queuedMillis,
        sent,
        once,
        duplicated,
        wallMillis / 1000.0);
    assertThat(sent).as("all SENT within %s", BOUND).isEqualTo(total);
    assertThat(received).hasSize(total);
    assertThat(duplicated).isZero();
  }

  /** First queued to last sent, then queue-to-sent p50, p99 and max, all in milliseconds. */
  private static double[] timings() throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select extract(epoch from max(sent_at) - min(created_at)) * 1000,"
                    + " percentile_cont(0.5) within group (order by extract(epoch from sent_at -"
                    + " created_at)) * 1000, percentile_cont(0.99) within group (order by"
                    + " extract(epoch from sent_at - created_at)) * 1000,"
                    + " extract(epoch from max(sent_at - created_at)) * 1000"
                    + " from outbox_message where status = 'SENT'")) {
      rs.next();
      return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
