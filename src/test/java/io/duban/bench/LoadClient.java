package io.duban.bench;

import io.duban.chat.CallbackCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The load generator of {@code bench/run.sh}: sends requests to one URL on loopback, either
 * closed-loop (N in flight, as fast as answered: the ceiling) or open-loop at a fixed rate (for
 * latency at a given load), and prints one line of figures. Modes:
 *
 * <pre>
 *   noop  BASE SECONDS CONCURRENCY|@RATE              GET BASE/bench/noop
 *   wecom BASE SECONDS CONCURRENCY|@RATE TOKEN AESKEY [HOOK]  POST signed, encrypted group-robot
 *                                                     reports from 1,000 groups, whose replies go
 *                                                     to HOOK followed by the group's number
 * </pre>
 *
 * WeCom requests are built before the clock starts, so the client's own AES work does not count.
 * System properties: {@code bench.groups} (default 1,000) how many groups the reports come from;
 * {@code bench.sent} a file to write, per message sent, its reply webhook, its percent and when it
 * was sent, which {@link ReplyMatch} pairs with what {@link PlatformSink} received. The k-th
 * message to a group reports {@code 10 + k % 90} percent, so a reply that repeats the percent names
 * its message.
 */
public final class LoadClient {

  private static final String[] REPORTS = {
    "1.1 科创园管理制度谋划方案已形成初稿，进度%d%%",
    "1.2 药创院省重点实验室申报材料已报送，进度%d%%",
    "【1.3】健康基地扩区方案已报省科技厅，完成%d%%",
    "2. “百人进千企”服务团队已走访企业120家，进度%d%%",
    "3 高企培育库新增入库企业86家，完成率%d%%",
    "4.1 与港中大对接磋商框架协议实施细则，进度%d%%",
    "#4.2 深中创新合作对接会筹备中，进度%d%%",
    "第五项 外国专家交流活动方案已定稿，进度%d%%",
    "6、科技信贷风险准备金省市联动已落实，进度%d%%",
    "任务7 科技服务业营收数据已汇总，进度%d%%",
    "（八）下属事业单位改革方案征求意见中，进度%d%%",
    "科创园展厅设计方案已定稿，进度%d%%",
  };

  /**
   * Reports come from this many group chats, each with its own robot webhook, as in a city where
   * every unit has its group: a WeCom robot takes 20 messages a minute, so one group could not take
   * the replies of a load test.
   */
  private static final int GROUPS = Integer.getInteger("bench.groups", 1000);

  private static final Duration CLIENT_WARM_UP = Duration.ofSeconds(5);

  private static final String[] SENDERS = {"zhang.wei", "liu.yang", "he.jing", "guo.ming"};

  private LoadClient() {}

  public static void main(String[] args) {
    String mode = args[0];
    String base = args[1];
    int seconds = Integer.parseInt(args[2]);
    String load = args[3];
    boolean open = load.startsWith("@");
    int value = Integer.parseInt(open ? load.substring(1) : load);
    int expected = open ? value * (seconds + (int) CLIENT_WARM_UP.toSeconds()) + 100 : 400_000;
    List<Req> requests =
        "wecom".equals(mode)
            ? wecom(
                base,
                args[4],
                args[5],
                args.length > 6 ? args[6] : "http://127.0.0.1:9/hook",
                Math.min(expected, 400_000))
            : List.of(new Req(base + "/bench/noop", null, null, 0));
    Result result = run(requests, seconds, open, value);
    String sentFile = System.getProperty("bench.sent");
    if (sentFile != null) {
      result.write(requests, Path.of(sentFile), seconds);
    }
    System.out.println(result.line(mode, load));
  }

  /** The k-th message to a group reports this percent (10..99), different for 90 in a row. */
  private static int percent(int i) {
    return 10 + (i / GROUPS) % 90;
  }

  private static List<Req> wecom(String base, String token, String aesKey, String hook, int count) {
    CallbackCipher crypto = new CallbackCipher(token, aesKey, "");
    long run = System.currentTimeMillis();
    String ts = Long.toString(run / 1000);
    List<Req> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = String.format(Locale.ROOT, REPORTS[i % REPORTS.length], percent(i));
      String sender = SENDERS[i % SENDERS.length];
      String webhook = hook + (i % GROUPS);
      String xml =
          "<xml><WebhookUrl><![CDATA["
              + webhook
              + "]]></WebhookUrl>"
              + "<ChatId><![CDATA[wrkBenchGroup"
              + (i % GROUPS)
              + "]]></ChatId><From><UserId><![CDATA["
              + sender
              + "]]></UserId><Name><![CDATA[联络员]]></Name></From><MsgType><![CDATA[text]]></MsgType>"
              + "<Text><Content><![CDATA[@督办助手 "
              + text
              + "]]></Content></Text><MsgId><![CDATA[bench-"
              + run
              + "-"
              + i
              + "]]></MsgId><ChatType>group</ChatType></xml>";
      String encrypted = crypto.encrypt(xml);
      String nonce = "n" + i;
      String url =
          base
              + "/callbacks/wecom/bench-robot?msg_signature="
              + crypto.signature(ts, nonce, encrypted)
              + "&timestamp="
              + ts
              + "&nonce="
              + nonce;
      requests.add(
          new Req(
              url,
              "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>",
              webhook,
              percent(i)));
    }
    return requests;
  }

  private static Result run(List<Req> requests, int seconds, boolean open, int value) {
    ConnectionProvider pool =
        ConnectionProvider.builder("bench")
            .maxConnections(open ? 256 : value)
            .pendingAcquireMaxCount(-1)
            .build();
    HttpClient http = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(30));
    AtomicInteger next = new AtomicInteger();
    LongAdder ok = new LongAdder();
    LongAdder failed = new LongAdder();
    long[] latencies = new long[4_000_000];
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong firstFailure = new AtomicLong();
    // per request (first pass over the list): when it was sent (epoch microseconds) and how it was
    // answered (HTTP status, -1 for no answer)
    long[] sentAt = new long[requests.size()];
    int[] statuses = new int[requests.size()];
    LongAdder sentAll = new LongAdder();
    LongAdder okAll = new LongAdder();
    // The client's own first seconds (connections opened, its code still interpreted) are not
    // measured: it sends at the same load for CLIENT_WARM_UP first and counts from then on.
    long measureFrom = System.nanoTime() + CLIENT_WARM_UP.toNanos();
    long measureFromEpochMs = System.currentTimeMillis() + CLIENT_WARM_UP.toMillis();
    long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
    Mono<Void> one =
        Mono.defer(
            () -> {
              int index = next.getAndIncrement();
              Req r = requests.get(index % requests.size());
              boolean first = index < requests.size();
              if (first) {
                sentAt[index] = PlatformSink.epochMicros();
              }
              sentAll.increment();
              long sent = System.nanoTime();
              var call =
                  r.body() == null
                      ? http.get().uri(r.url())
                      : http.headers(h -> h.set("Content-Type", "text/xml"))
                          .post()
                          .uri(r.url())
                          .send(reactor.netty.ByteBufFlux.fromString(Mono.just(r.body())));
              return call.responseSingle(
                      (response, body) -> body.then(Mono.just(response.status().code())))
                  .doOnNext(
                      status -> {
                        if (first) {
                          statuses[index] = status;
                        }
                        if (status == 200) {
                          okAll.increment();
                        }
                        if (sent < measureFrom) {
                          return;
                        }
                        int at = recorded.getAndIncrement();
                        if (at < latencies.length) {
                          latencies[at] = System.nanoTime() - sent;
                        }
                        if (status == 200) {
                          ok.increment();
                        } else {
                          failed.increment();
                          firstFailure.compareAndSet(0, status);
                        }
                      })
                  .onErrorResume(
                      e -> {
                        if (first) {
                          statuses[index] = -1;
                        }
                        if (sent >= measureFrom) {
                          failed.increment();
                        }
                        return Mono.empty();
                      })
                  .then();
            });
    if (open) {
      // what is owed follows the clock, not the ticks: a tick delayed or dropped on a busy machine
      // makes the next one send more, so the rate holds
      long start = System.nanoTime();
      long[] sentSoFar = {0};
      Flux.interval(Duration.ofMillis(1))
          .onBackpressureDrop()
          .takeWhile(t -> System.nanoTime() < end)
          .concatMapIterable(
              t -> {
                long due = (long) ((System.nanoTime() - start) / 1e9 * value);
                int n = (int) Math.max(0, due - sentSoFar[0]);
                sentSoFar[0] += n;
                return java.util.Collections.nCopies(n, 1);
              })
          .flatMap(x -> one, 4096)
          .blockLast(Duration.ofSeconds(seconds + CLIENT_WARM_UP.toSeconds() + 60));
    } else {
      Flux.range(0, value)
          .flatMap(worker -> one.repeat(() -> System.nanoTime() < end), value)
          .blockLast(Duration.ofSeconds(seconds + CLIENT_WARM_UP.toSeconds() + 60));
    }
    double took = (System.nanoTime() - measureFrom) / 1e9;
    int n = Math.min(recorded.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    pool.disposeLater().block(Duration.ofSeconds(10));
    return new Result(
        ok.sum(),
        failed.sum(),
        firstFailure.get(),
        took,
        sorted,
        measureFromEpochMs,
        sentAll.sum(),
        okAll.sum(),
        Math.min(next.get(), requests.size()),
        sentAt,
        statuses);
  }

  /**
   * @param webhook the reply URL the message names, or null
   * @param percent the percent it reports
   */
  private record Req(String url, String body, String webhook, int percent) {}

  /**
   * @param measuredFromEpochMs when the measured part began (wall clock), so that the server's
   *     records of the client's warm-up can be left out too
   * @param sentAll requests sent, the client's warm-up included
   * @param okAll of those, answered 200
   * @param distinct how many of the requests were sent at least once
   */
  private record Result(
      long ok,
      long failed,
      long firstFailure,
      double seconds,
      long[] sorted,
      long measuredFromEpochMs,
      long sentAll,
      long okAll,
      int distinct,
      long[] sentAt,
      int[] statuses) {
    String line(String mode, String load) {
      return String.format(
          Locale.ROOT,
          "RESULT mode=%s load=%s ok=%d failed=%d first_failure_status=%d rps=%.0f p50_ms=%.2f"
              + " p99_ms=%.2f max_ms=%.2f measured_from_ms=%d sent=%d sent_ok=%d",
          mode,
          load,
          ok,
          failed,
          firstFailure,
          (ok + failed) / seconds,
          pct(0.50) / 1e6,
          pct(0.99) / 1e6,
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
          measuredFromEpochMs,
          sentAll,
          okAll);
    }

    /**
     * One line per message sent: its reply webhook, percent, when it was sent and its callback's
     * status; a first line gives the measured window (epoch microseconds).
     */
    void write(List<Req> requests, Path file, int windowSeconds) {
      long from = measuredFromEpochMs * 1000;
      long to = from + windowSeconds * 1_000_000L;
      StringBuilder out = new StringBuilder("# ").append(from).append(' ').append(to).append('\n');
      for (int i = 0; i < distinct; i++) {
        Req r = requests.get(i);
        out.append(r.webhook()).append('\t').append(r.percent()).append('\t');
        out.append(sentAt[i]).append('\t').append(statuses[i]).append('\n');
      }
      try {
        Files.writeString(file, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private double pct(double p) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
    }
  }
}
