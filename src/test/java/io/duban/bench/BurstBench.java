package io.duban.bench;

import io.duban.chat.CallbackCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline burst of {@code bench/burst.sh} (issue 17, Deliver 5): every unit answers the
 * reminder in its WeCom group within a few minutes, and afterwards what came of it. Modes:
 *
 * <pre>
 *   load   BASE SINK_BASE UNITS GROUPS SECONDS TOKEN AESKEY SENT_FILE
 *   report JDBC_URL SINK_FILE SENT_FILE T0_MS PER_MINUTE
 * </pre>
 *
 * <p>{@code load}: unit {@code n} (1..UNITS) sits in group {@code (n - 1) % GROUPS}, whose robot is
 * {@code robot<g>} with webhook key {@code key<g>}, and reports on the one item it leads ({@code
 * s.l} with {@code s = (n - 1) / 100 + 1}, {@code l = (n - 1) % 100 + 1}) at {@code SECONDS × u²}
 * after the start, {@code u} evenly spread over the units in a shuffled order: most answer soon
 * after the reminder, fewer towards the deadline (half within the first quarter). Each callback is
 * a signed, encrypted WeCom group-robot message whose WebhookUrl is the robot's own webhook on the
 * fake platform. Writes per unit its send time (epoch microseconds) and the callback's status.
 *
 * <p>{@code report}: reads the service's tables and what the fake platform received, and prints a
 * Markdown summary: every reminder and reply delivered once or not, when the last reply reached the
 * platform, and why it waited that long (processing, or its robot's full minute).
 */
public final class BurstBench {

  private BurstBench() {}

  public static void main(String[] args) throws Exception {
    if ("load".equals(args[0])) {
      load(args);
    } else {
      report(args);
    }
  }

  private static void load(String[] args) throws IOException {
    String base = args[1];
    String sink = args[2];
    int units = Integer.parseInt(args[3]);
    int groups = Integer.parseInt(args[4]);
    double seconds = Double.parseDouble(args[5]);
    CallbackCipher crypto = new CallbackCipher(args[6], args[7], "");
    Path sentFile = Path.of(args[8]);
    List<Integer> order = new ArrayList<>();
    for (int n = 1; n <= units; n++) {
      order.add(n);
    }
    Collections.shuffle(order, new Random(17));
    long run = System.currentTimeMillis();
    List<long[]> plan = new ArrayList<>(); // unit, offset in microseconds
    for (int i = 0; i < units; i++) {
      double u = (i + 0.5) / units;
      plan.add(new long[] {order.get(i), (long) (seconds * u * u * 1_000_000)});
    }
    plan.sort((a, b) -> Long.compare(a[1], b[1]));
    HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(30));
    long[] sentAt = new long[units + 1];
    int[] status = new int[units + 1];
    long[] latency = new long[units + 1];
    AtomicInteger ok = new AtomicInteger();
    long start = System.nanoTime();
    Flux.fromIterable(plan)
        .flatMap(
            p -> {
              int n = (int) p[0];
              long due = start + p[1] * 1000;
              return Mono.delay(Duration.ofNanos(Math.max(0, due - System.nanoTime())))
                  .then(
                      Mono.defer(
                          () -> {
                            // signed when sent: the service refuses timestamps far from its clock
                            String url = callbackUrl(base, sink, crypto, run, n, groups);
                            String body = url.substring(url.indexOf('\n') + 1);
                            String target = url.substring(0, url.indexOf('\n'));
                            sentAt[n] = PlatformSink.epochMicros();
                            long t = System.nanoTime();
                            return http.headers(h -> h.set("Content-Type", "text/xml"))
                                .post()
                                .uri(target)
                                .send(ByteBufFlux.fromString(Mono.just(body)))
                                .responseSingle((r, b) -> b.then(Mono.just(r.status().code())))
                                .onErrorReturn(-1)
                                .doOnNext(
                                    code -> {
                                      status[n] = code;
                                      latency[n] = System.nanoTime() - t;
                                      if (code == 200) {
                                        ok.incrementAndGet();
                                      }
                                    });
                          }));
            },
            Integer.MAX_VALUE)
        .blockLast(Duration.ofSeconds((long) seconds + 120));
    StringBuilder out = new StringBuilder();
    long[] sorted = new long[units];
    for (int n = 1; n <= units; n++) {
      out.append(n).append('\t').append(sentAt[n]).append('\t').append(status[n]).append('\n');
      sorted[n - 1] = latency[n];
    }
    Files.writeString(sentFile, out);
    java.util.Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "RESULT burst sent=%d ok=%d callback_p50_ms=%.1f callback_p99_ms=%.1f callback_max_ms=%.1f"
            + " took_s=%.1f%n",
        units,
        ok.get(),
        sorted[units / 2] / 1e6,
        sorted[Math.min(units - 1, (int) (units * 0.99))] / 1e6,
        sorted[units - 1] / 1e6,
        (System.nanoTime() - start) / 1e9);
  }

  /** The item unit {@code n} leads, as the seed assigns it. */
  static String code(int n) {
    return ((n - 1) / 100 + 1) + "." + ((n - 1) % 100 + 1);
  }

  /** The callback URL, a newline, and its body. */
  private static String callbackUrl(
      String base, String sink, CallbackCipher crypto, long run, int n, int groups) {
    int g = (n - 1) % groups;
    String xml =
        "<xml><WebhookUrl><![CDATA["
            + sink
            + "/cgi-bin/webhook/send?key=key"
            + g
            + "]]></WebhookUrl><ChatId><![CDATA[wrkBurst"
            + g
            + "]]></ChatId><From><UserId><![CDATA[c"
            + n
            + "]]></UserId><Name><![CDATA[联络员"
            + n
            + "]]></Name></From><MsgType><![CDATA[text]]></MsgType>"
            + "<Text><Content><![CDATA[@督办助手 "
            + code(n)
            + " 已完成阶段性工作，进度60%]]></Content></Text><MsgId><![CDATA[burst-"
            + run
            + "-"
            + n
            + "]]></MsgId><ChatType>group</ChatType></xml>";
    String encrypted = crypto.encrypt(xml);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = "b" + n;
    return base
        + "/callbacks/wecom/robot"
        + g
        + "?msg_signature="
        + crypto.signature(ts, nonce, encrypted)
        + "&timestamp="
        + ts
        + "&nonce="
        + nonce
        + "\n<xml><Encrypt><![CDATA["
        + encrypted
        + "]]></Encrypt></xml>";
  }

  /** An outbox row, with what the fake platform made of it. */
  private static final class Row {
    long id;
    String key;
    String robot;
    boolean reply;
    String text;
    String status;
    int attempts;
    String lastError;
    long createdUs;
    long sentUs;
    long receivedUs; // its message's arrival at the service (replies)
    long processedUs;
    int unit;
    final List<Long> atPlatform = new ArrayList<>();
  }

  private static void report(String[] args) throws Exception {
    String url = args[1];
    Path sinkFile = Path.of(args[2]);
    Path sentFile = Path.of(args[3]);
    long t0 = Long.parseLong(args[4]) * 1000;
    int perMinute = Integer.parseInt(args[5]);
    JsonMapper json = JsonMapper.builder().build();
    Map<Integer, long[]> sent = new HashMap<>(); // unit -> sent at, status
    for (String line : Files.readAllLines(sentFile)) {
      String[] f = line.split("\t");
      sent.put(Integer.parseInt(f[0]), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
    }
    List<Row> rows = new ArrayList<>();
    long stored;
    long processed;
    long reports;
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "select m.id, m.dedupe_key, m.target, m.bot_id, m.channel, m.payload->>'text', m.status,"
                  + " m.attempts, m.last_error, m.created_at, m.sent_at, i.received_at,"
                  + " i.processed_at, i.platform_message_id from outbox_message m"
                  + " left join inbound_message i on i.id = case when m.dedupe_key like"
                  + " 'report-reply:%' then cast(split_part(split_part(m.dedupe_key, ':', 2), '#', 1)"
                  + " as bigint) end"
                  + " order by m.id")) {
        while (rs.next()) {
          Row r = new Row();
          r.id = rs.getLong(1);
          r.key = rs.getString(2);
          String target = rs.getString(3);
          r.robot =
              "REPLY_URL".equals(rs.getString(5))
                  ? target.substring(target.indexOf("key=") + 4)
                  : rs.getString(4).replace("robot", "key");
          r.reply = r.key.startsWith("report-reply:");
          r.text = rs.getString(6);
          r.status = rs.getString(7);
          r.attempts = rs.getInt(8);
          r.lastError = rs.getString(9);
          r.createdUs = micros(rs, 10);
          r.sentUs = micros(rs, 11);
          r.receivedUs = micros(rs, 12);
          r.processedUs = micros(rs, 13);
          String msgId = rs.getString(14);
          r.unit =
              msgId == null ? 0 : Integer.parseInt(msgId.substring(msgId.lastIndexOf('-') + 1));
          rows.add(r);
        }
      }
      stored = count(st, "select count(*) from inbound_message");
      processed = count(st, "select count(*) from inbound_message where status = 'PROCESSED'");
      reports = count(st, "select count(*) from progress_report");
    }
    // what the platform received, matched to the rows by robot and text
    Map<String, ArrayDeque<Row>> byText = new HashMap<>();
    for (Row r : rows) {
      byText.computeIfAbsent(r.robot + "\u0000" + r.text, k -> new ArrayDeque<>()).add(r);
    }
    Map<String, List<Long>> robotArrivals = new HashMap<>();
    int unmatched = 0;
    for (String line : Files.readAllLines(sinkFile, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", 3);
      long at = Long.parseLong(f[0]);
      String robot = f[1].substring(f[1].indexOf("key=") + 4);
      robotArrivals.computeIfAbsent(robot, k -> new ArrayList<>()).add(at);
      JsonNode body = json.readTree(f[2]);
      String text =
          body.path("text")
              .path("content")
              .asString(body.path("markdown").path("content").asString(""));
      ArrayDeque<Row> candidates = byText.get(robot + "\u0000" + text);
      // the first of the rows with this text not yet seen there; else a row seen before (twice)
      Row match =
          candidates == null
              ? null
              : candidates.stream()
                  .filter(r -> r.atPlatform.isEmpty())
                  .findFirst()
                  .orElse(candidates.peekFirst());
      if (match == null) {
        unmatched++;
      } else {
        match.atPlatform.add(at);
      }
    }
    robotArrivals.values().forEach(Collections::sort);
    long refused = 0;
    Path refusedFile = Path.of(sinkFile + ".refused");
    if (Files.exists(refusedFile)) {
      refused = Files.readAllLines(refusedFile).size();
    }

    List<Row> reminders = rows.stream().filter(r -> r.key.startsWith("reminder:")).toList();
    List<Row> replies = rows.stream().filter(r -> r.reply).toList();
    long callbacksOk = sent.values().stream().filter(s -> s[1] == 200).count();
    StringBuilder out = new StringBuilder();
    out.append("| measure | result |\n| --- | --- |\n");
    line(out, "units answering / callbacks answered 200", sent.size() + " / " + callbacksOk);
    line(
        out,
        "messages stored / understood / progress reports",
        stored + " / " + processed + " / " + reports);
    line(out, "reminders queued / SENT / delivered once / twice / never", delivery(reminders));
    line(out, "replies queued / SENT / delivered once / twice / never", delivery(replies));
    line(
        out,
        "other outbox messages",
        String.valueOf(rows.size() - reminders.size() - replies.size()));
    line(
        out,
        "messages the platform refused with 45009 (over " + perMinute + " a minute)",
        String.valueOf(refused));
    line(out, "messages at the platform matching no outbox row", String.valueOf(unmatched));
    line(
        out,
        "DEAD / still waiting",
        rows.stream().filter(r -> "DEAD".equals(r.status)).count()
            + " / "
            + rows.stream()
                .filter(r -> "PENDING".equals(r.status) || "SENDING".equals(r.status))
                .count());
    line(
        out,
        "reminders at the platform, first / last (after the fire)",
        secs(min(reminders) - t0) + " / " + secs(max(reminders) - t0));
    List<Row> delivered = replies.stream().filter(r -> !r.atPlatform.isEmpty()).toList();
    if (!delivered.isEmpty()) {
      long[] total =
          delivered.stream()
              .mapToLong(r -> r.atPlatform.get(0) - sentAt(sent, r))
              .sorted()
              .toArray();
      long[] processing =
          delivered.stream().mapToLong(r -> r.createdUs - r.receivedUs).sorted().toArray();
      long[] outbox =
          delivered.stream().mapToLong(r -> r.atPlatform.get(0) - r.createdUs).sorted().toArray();
      line(out, "reply: callback sent → reply at the platform, p50 / p99 / max", pcts(total));
      line(
          out,
          "… of it, stored → reply queued (understanding; the reply is queued at its commit), p50 / p99 / max",
          pcts(processing));
      line(
          out,
          "… of it, queued → at the platform (outbox: rate limit and sending), p50 / p99 / max",
          pcts(outbox));
      long waitedForRobot =
          delivered.stream()
              .filter(r -> fullAt(robotArrivals, r.robot, r.createdUs, perMinute))
              .count();
      line(
          out,
          "replies queued while their robot's minute was full ("
              + perMinute
              + " messages in the 60 s before)",
          String.valueOf(waitedForRobot));
      line(
          out,
          "replies sent more than once tried (attempts > 1)",
          String.valueOf(delivered.stream().filter(r -> r.attempts > 1).count()));
      Row last =
          delivered.stream()
              .max((a, b) -> Long.compare(a.atPlatform.get(0), b.atPlatform.get(0)))
              .get();
      Row longest =
          delivered.stream()
              .max(
                  (a, b) ->
                      Long.compare(
                          a.atPlatform.get(0) - sentAt(sent, a),
                          b.atPlatform.get(0) - sentAt(sent, b)))
              .get();
      line(
          out,
          "last reply at the platform (after the fire)",
          secs(last.atPlatform.get(0) - t0) + ", " + why(last, sent, robotArrivals, perMinute, t0));
      line(
          out,
          "longest-waiting reply",
          secs(longest.atPlatform.get(0) - sentAt(sent, longest))
              + " after its callback, "
              + why(longest, sent, robotArrivals, perMinute, t0));
    }
    System.out.print(out);
  }

  private static String why(
      Row r, Map<Integer, long[]> sent, Map<String, List<Long>> arrivals, int perMinute, long t0) {
    long callback = sentAt(sent, r);
    int before = inWindow(arrivals, r.robot, r.createdUs);
    String verdict =
        before >= perMinute
            ? "waited for its robot's " + perMinute + "-a-minute limit"
            : r.attempts > 1
                ? "retried after a failed send (" + r.lastError + ")"
                : "processing, not the limit";
    return String.format(
        Locale.ROOT,
        "unit u%d (robot %s): callback sent at %s, stored %s later, reply queued %s after storing, sent %s after queuing, at the platform %s after sending; %d messages to its robot in the 60 s before it was queued, attempts %d: %s",
        r.unit,
        r.robot,
        secs(callback - t0),
        secs(r.receivedUs - callback),
        secs(r.createdUs - r.receivedUs),
        secs(r.sentUs - r.createdUs),
        secs(r.atPlatform.get(0) - r.sentUs),
        before,
        r.attempts,
        verdict);
  }

  private static boolean fullAt(
      Map<String, List<Long>> arrivals, String robot, long at, int perMinute) {
    return perMinute > 0 && inWindow(arrivals, robot, at) >= perMinute;
  }

  private static int inWindow(Map<String, List<Long>> arrivals, String robot, long at) {
    return (int)
        arrivals.getOrDefault(robot, List.of()).stream()
            .filter(t -> t <= at && t > at - 60_000_000L)
            .count();
  }

  private static long sentAt(Map<Integer, long[]> sent, Row r) {
    long[] s = sent.get(r.unit);
    return s == null ? r.receivedUs : s[0];
  }

  private static String delivery(List<Row> rows) {
    return rows.size()
        + " / "
        + rows.stream().filter(r -> "SENT".equals(r.status)).count()
        + " / "
        + rows.stream().filter(r -> r.atPlatform.size() == 1).count()
        + " / "
        + rows.stream().filter(r -> r.atPlatform.size() > 1).count()
        + " / "
        + rows.stream().filter(r -> r.atPlatform.isEmpty()).count();
  }

  private static long min(List<Row> rows) {
    return rows.stream()
        .filter(r -> !r.atPlatform.isEmpty())
        .mapToLong(r -> r.atPlatform.get(0))
        .min()
        .orElse(0);
  }

  private static long max(List<Row> rows) {
    return rows.stream()
        .filter(r -> !r.atPlatform.isEmpty())
        .mapToLong(r -> r.atPlatform.get(0))
        .max()
        .orElse(0);
  }

  private static String pcts(long[] sorted) {
    return secs(sorted[sorted.length / 2])
        + " / "
        + secs(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))])
        + " / "
        + secs(sorted[sorted.length - 1]);
  }

  private static String secs(long micros) {
    return micros >= 10_000_000 || micros <= -10_000_000
        ? String.format(Locale.ROOT, "%.1f s", micros / 1e6)
        : String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
  }

  private static void line(StringBuilder out, String measure, String result) {
    out.append("| ").append(measure).append(" | ").append(result).append(" |\n");
  }

  private static long micros(ResultSet rs, int column) throws SQLException {
    java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
    return t == null ? 0 : t.toEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static {
    // the driver is on the test classpath; loading it here keeps DriverManager from guessing
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
