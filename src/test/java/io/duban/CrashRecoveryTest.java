package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The promise "an HTTP 200 means stored": the service is killed with SIGKILL in the middle of a
 * load of callbacks, started again, and the platform retries what was not answered (and, as
 * platforms do, some of what was). Every answered callback must be stored once and understood once,
 * and so must every retried one: on a PostgreSQL server of its own, and on the embedded default,
 * whose server outlives the kill and must be stopped by the next start.
 */
class CrashRecoveryTest {

  private static final int MESSAGES = Integer.getInteger("duban.crash.messages", 3000);
  private static final String TOKEN = "crashToken01";
  private static final String KEY = "CrashAesKey0123456789abcdefghijklmnopqrstuv";

  /** Where the killed service keeps its data. */
  enum Store {
    SERVER,
    EMBEDDED_DEFAULT
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void everyAnsweredCallbackIsStoredAndUnderstoodExactlyOnceAcrossASigkill(
      Store store, @TempDir Path dataDir) throws Exception {
    EmbeddedDataDir embedded = new EmbeddedDataDir(dataDir);
    try {
      survivesASigkill(store, embedded);
    } finally {
      embedded.stopLeftoverServer();
    }
  }

  private void survivesASigkill(Store store, EmbeddedDataDir embedded) throws Exception {
    String database = store == Store.SERVER ? TestDatabase.createAnother("crash") : "";
    Connections connections =
        store == Store.SERVER
            ? () -> DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "")
            : embedded::connect;
    List<String> properties = new ArrayList<>();
    if (store == Store.EMBEDDED_DEFAULT) {
      properties.add("--duban.db.data-dir=" + embedded.root());
    }
    properties.addAll(
        List.of(
            // the embedded default would load the first-run demo's reports beside the crash's
            "--duban.demo.enabled=false",
            "--duban.callbacks.rate-limit.enabled=false",
            "--duban.chat.inbound.sweep-interval=2s",
            "--duban.chat.wecom[0].id=crash-robot",
            "--duban.chat.wecom[0].kind=GROUP_ROBOT",
            "--duban.chat.wecom[0].token=" + TOKEN,
            "--duban.chat.wecom[0].encoding-aes-key=" + KEY,
            "--duban.chat.wecom[0].api-base-url=http://127.0.0.1:9"));
    CallbackCipher crypto = new CallbackCipher(TOKEN, KEY, "");
    List<Callback> callbacks = new ArrayList<>();
    long run = System.currentTimeMillis();
    for (int i = 0; i < MESSAGES; i++) {
      callbacks.add(Callback.of(crypto, "crash-" + run + "-" + i, i));
    }
    Set<String> answered = ConcurrentHashMap.newKeySet();

    String name = "crash-recovery-" + store.name().toLowerCase();
    try (ServiceProcess service = new ServiceProcess(name, database, properties)) {
      service.start();
      AtomicInteger oks = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      int killAfter = MESSAGES / 3;
      WebClient web = WebClient.create(service.baseUrl());
      Flux.fromIterable(callbacks)
          .takeWhile(c -> !killed.get())
          .flatMap(
              c ->
                  send(web, c)
                      .doOnNext(
                          status -> {
                            if (status == 200) {
                              answered.add(c.msgId());
                              if (oks.incrementAndGet() == killAfter
                                  && killed.compareAndSet(false, true)) {
                                kill(service);
                              }
                            }
                          }),
              16)
          .blockLast(Duration.ofMinutes(5));
      assertThat(killed).as("the service was killed mid-load").isTrue();
      assertThat(answered.size()).isGreaterThanOrEqualTo(killAfter).isLessThan(MESSAGES);

      service.start();
      // the platform retries everything it has no 200 for, and re-sends a few it had
      WebClient again = WebClient.create(service.baseUrl());
      List<Callback> retries = new ArrayList<>();
      for (Callback c : callbacks) {
        if (!answered.contains(c.msgId()) || c.index() % 50 == 0) {
          retries.add(c);
        }
      }
      Set<String> answeredAfter = ConcurrentHashMap.newKeySet();
      Flux.fromIterable(retries)
          .flatMap(
              c -> send(again, c).filter(s -> s == 200).doOnNext(s -> answeredAfter.add(c.msgId())),
              16)
          .blockLast(Duration.ofMinutes(5));
      assertThat(answeredAfter).hasSize(retries.size());

      awaitAllProcessed(connections, Duration.ofMinutes(3));
      try (Connection c = connections.open()) {
        assertThat(count(c, "select count(*) from inbound_message")).isEqualTo(MESSAGES);
        assertThat(
                count(
                    c,
                    "select count(distinct platform_message_id) from inbound_message"
                        + " where platform_message_id like 'crash-"
                        + run
                        + "-%'"))
            .isEqualTo(MESSAGES);
        assertThat(count(c, "select count(*) from report_handled_message")).isEqualTo(MESSAGES);
        assertThat(count(c, "select count(*) from progress_report")).isEqualTo(MESSAGES);
        assertThat(
                count(
                    c,
                    "select count(*) from (select inbound_message_id from progress_report"
                        + " group by inbound_message_id having count(*) > 1) d"))
            .isZero();
      }
      Set<String> all = new HashSet<>(answered);
      all.addAll(answeredAfter);
      assertThat(all).hasSize(MESSAGES);
    }
  }

  private static void kill(ServiceProcess service) {
    try {
      service.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Mono<Integer> send(WebClient web, Callback c) {
    return web.post()
        .uri(c.uri())
        .header("Content-Type", "text/xml")
        .bodyValue(c.body())
        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
        .timeout(Duration.ofSeconds(30))
        .onErrorResume(e -> Mono.just(-1));
  }

  private static void awaitAllProcessed(Connections connections, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    try (Connection c = connections.open()) {
      while (count(c, "select count(*) from inbound_message where status <> 'PROCESSED'") > 0) {
        assertThat(System.nanoTime()).as("all messages processed in time").isLessThan(deadline);
        Thread.sleep(500); // waiting on another process's work
      }
    }
  }

  /** Opens a connection to the store the service used, for counting its rows. */
  @FunctionalInterface
  private interface Connections {
    Connection open() throws Exception;
  }

  private static long count(Connection c, String sql) throws Exception {
    try (ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** A message as the platform holds it; each (re)delivery is signed with the time it is sent. */
  private record Callback(String msgId, int index, CallbackCipher crypto, String encrypted) {
    String uri() {
      String ts = Long.toString(System.currentTimeMillis() / 1000);
      String nonce = "c" + index + "t" + System.nanoTime();
      return "/callbacks/wecom/crash-robot?msg_signature="
          + crypto.signature(ts, nonce, encrypted)
          + "&timestamp="
          + ts
          + "&nonce="
          + nonce;
    }

    String body() {
      return "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
    }

    static Callback of(CallbackCipher crypto, String msgId, int index) {
      String[] senders = {"zhang.wei", "he.jing", "guo.ming", "liang.hao"};
      String[] items = {"1.2", "3", "4.1", "6"};
      String xml =
          "<xml><ChatId><![CDATA[wrkCrashGroup]]></ChatId><From><UserId><![CDATA["
              + senders[index % 4]
              + "]]></UserId></From><MsgType><![CDATA[text]]></MsgType>"
              + "<Text><Content><![CDATA[@督办助手 "
              + items[index % 4]
              + " 第"
              + index
              + "批材料已报送，进度"
              + (10 + index % 90)
              + "%]]></Content></Text><MsgId><![CDATA["
              + msgId
              + "]]></MsgId><ChatType>group</ChatType></xml>";
      return new Callback(msgId, index, crypto, crypto.encrypt(xml));
    }
  }
}
