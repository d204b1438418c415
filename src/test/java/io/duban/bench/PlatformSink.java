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
 */
public final class PlatformSink {

  private static final byte[] OK =
      "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private PlatformSink() {}

  /** The wall clock in microseconds, as the load client and the sink both read it. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  public static void main(String[] args) throws IOException {
    AtomicLong received = new AtomicLong();
    BufferedWriter log =
        args.length > 1 ? Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8) : null;
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
                  System.out.println("RESULT sink received=" + received.get());
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
