package io.duban.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The chat platform as {@code bench/run.sh} sees it: accepts every message sent to it on loopback
 * and answers WeCom's success ({@code errcode 0}), so the service's replies are delivered once
 * instead of being retried against a closed port while the message path is measured. Prints how
 * many it received when stopped. (Reactor Netty rather than the JDK's HttpServer, whose headers and
 * body go out as two packets and wait 40 ms for a delayed ACK on every kept-alive request.)
 *
 * <pre>
 *   PlatformSink PORT [FILE]
 * </pre>
 *
 * With FILE, appends a line per message received: when its body had arrived (epoch microseconds),
 * the URI it was sent to and the body, tab-separated, for {@link ReplyMatch}.
 *
 * <p>With the system property {@code sink.perMinute} it holds WeCom's group robot limit: a robot
 * webhook key (the {@code key} of the URI) takes that many messages in any 60 seconds, and a
 * message beyond it is answered {@code errcode 45009} ("api freq out of limit"), as WeCom answers,
 * and written to FILE{@code .refused} instead of FILE.
 */
public final class PlatformSink {

  private static final byte[] OK =
      "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private static final byte[] FREQ_OUT_OF_LIMIT =
      "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}".getBytes(StandardCharsets.UTF_8);

  private static final int PER_MINUTE = Integer.getInteger("sink.perMinute", 0);

  /** Per robot key, when its messages of the last minute were taken (epoch microseconds). */
  private static final java.util.Map<String, java.util.ArrayDeque<Long>> WINDOWS =
      new java.util.HashMap<>();

  /** Whether the robot {@code uri} names may take a message at {@code at}; counts it if so. */
  static boolean take(String uri, long at) {
    if (PER_MINUTE <= 0) {
      return true;
    }
    int k = uri.indexOf("key=");
    String key = k < 0 ? "" : uri.substring(k + 4).split("&", 2)[0];
    synchronized (WINDOWS) {
      java.util.ArrayDeque<Long> window =
          WINDOWS.computeIfAbsent(key, x -> new java.util.ArrayDeque<>());
      while (!window.isEmpty() && window.peekFirst() <= at - 60_000_000L) {
        window.pollFirst();
      }
      if (window.size() >= PER_MINUTE) {
        return false;
      }
      window.addLast(at);
      return true;
    }
  }

  private PlatformSink() {}

  /** The wall clock in microseconds, as the load client and the sink both read it. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  public static void main(String[] args) throws IOException {
    AtomicLong received = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    BufferedWriter log =
        args.length > 1 ? Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8) : null;
    BufferedWriter refusals =
        args.length > 1 && PER_MINUTE > 0
            ? Files.newBufferedWriter(Path.of(args[1] + ".refused"), StandardCharsets.UTF_8)
            : null;
    if (log != null) {
      // the bench reads the file while the sink runs: what arrived is on disk within 100 ms
      ScheduledExecutorService flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sink-flush");
                t.setDaemon(true);
                return t;
              });
      flusher.scheduleWithFixedDelay(() -> flush(log), 100, 100, TimeUnit.MILLISECONDS);
      if (refusals != null) {
        flusher.scheduleWithFixedDelay(() -> flush(refusals), 100, 100, TimeUnit.MILLISECONDS);
      }
    }
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(Integer.parseInt(args[0]))
            .handle(
                (request, response) ->
                    request
                        .receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(
                            body -> {
                              long at = epochMicros();
                              if (!take(request.uri(), at)) {
                                refused.incrementAndGet();
                                if (refusals != null) {
                                  record(refusals, at, request.uri(), body);
                                }
                                return response
                                    .header("Content-Type", "application/json")
                                    .sendByteArray(Mono.just(FREQ_OUT_OF_LIMIT))
                                    .then();
                              }
                              received.incrementAndGet();
                              if (log != null) {
                                record(log, at, request.uri(), body);
                              }
                              return response
                                  .header("Content-Type", "application/json")
                                  .sendByteArray(Mono.just(OK))
                                  .then();
                            }))
            .bindNow();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (log != null) {
                    flush(log);
                  }
                  if (refusals != null) {
                    flush(refusals);
                  }
                  System.out.println(
                      "RESULT sink received=" + received.get() + " refused=" + refused.get());
                }));
    server.onDispose().block();
  }

  private static void record(BufferedWriter log, long at, String uri, String body) {
    String line = at + "\t" + uri + "\t" + body.replaceAll("[\\t\\r\\n]", " ") + "\n";
    synchronized (log) {
      try {
        log.write(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void flush(BufferedWriter log) {
    synchronized (log) {
      try {
        log.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
