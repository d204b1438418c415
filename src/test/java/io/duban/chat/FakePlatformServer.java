package io.duban.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An in-test chat platform: records every request exactly as it arrived and answers from canned
 * responses queued per path prefix (default: HTTP 200 with {@code errcode} and {@code code} 0).
 */
public final class FakePlatformServer implements AutoCloseable {

  /**
   * One request as the platform would have seen it.
   *
   * @param body the body read as UTF-8
   * @param bytes the body's exact bytes (for uploads)
   */
  public record Recorded(
      String method, String uri, Map<String, String> headers, String body, byte[] bytes) {
    public String path() {
      int q = uri.indexOf('?');
      return q < 0 ? uri : uri.substring(0, q);
    }
  }

  /** A canned answer; {@code hang} never answers (to provoke timeouts). */
  private record Answer(int status, String body, boolean hang, String contentType, byte[] bytes) {
    Answer(int status, String body, boolean hang) {
      this(status, body, hang, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static final String OK =
      "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0,\"msg\":\"success\"}";

  private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
  private final List<Recorded> all = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Answer>> answers = new HashMap<>();
  private final LoopResources loops = LoopResources.create("fake-platform", 1, true);
  private final DisposableServer server;

  public FakePlatformServer() {
    server =
        HttpServer.create()
            // its own event loop: a Spring context that closes disposes Reactor Netty's global
            // resources, which would stop a server shared by contexts (connection refused after)
            .runOn(loops)
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(
                            bytes -> {
                              String body = new String(bytes, StandardCharsets.UTF_8);
                              Map<String, String> headers = new HashMap<>();
                              req.requestHeaders()
                                  .forEach(
                                      e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
                              Recorded r =
                                  new Recorded(
                                      req.method().name(), req.uri(), headers, body, bytes);
                              all.add(r);
                              requests.add(r);
                              Answer a = answerFor(r.uri());
                              if (a.hang()) {
                                return Mono.never();
                              }
                              return res.status(a.status())
                                  .header("Content-Type", a.contentType())
                                  .sendByteArray(Mono.just(a.bytes()))
                                  .then();
                            }))
            .bindNow();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * Queues {@code status}/{@code body} as the next answer to a request whose path and query start
   * with {@code prefix}.
   */
  public synchronized FakePlatformServer answer(String prefix, int status, String body) {
    answers
        .computeIfAbsent(prefix, p -> new ConcurrentLinkedDeque<>())
        .add(new Answer(status, body, false));
    return this;
  }

  /** Queues a binary answer (a media download) with its Content-Type. */
  public synchronized FakePlatformServer answerBytes(
      String prefix, int status, String contentType, byte[] bytes) {
    answers
        .computeIfAbsent(prefix, p -> new ConcurrentLinkedDeque<>())
        .add(new Answer(status, "", false, contentType, bytes));
    return this;
  }

  public synchronized FakePlatformServer hang(String prefix) {
    answers
        .computeIfAbsent(prefix, p -> new ConcurrentLinkedDeque<>())
        .add(new Answer(0, "", true));
    return this;
  }

  private synchronized Answer answerFor(String uri) {
    for (Map.Entry<String, ConcurrentLinkedDeque<Answer>> e : answers.entrySet()) {
      if (uri.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().poll();
      }
    }
    return new Answer(200, OK, false);
  }

  /** The next request, waiting at most five seconds for it. */
  public Recorded take() {
    try {
      Recorded r = requests.poll(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("the platform received no request");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every request received so far, in order. */
  public List<Recorded> received() {
    return new ArrayList<>(all);
  }

  /** Requests whose path and query contain {@code fragment}. */
  public List<Recorded> receivedWith(String fragment) {
    return all.stream().filter(r -> r.uri().contains(fragment)).toList();
  }

  public List<Recorded> received(String pathPrefix) {
    return all.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
    loops.dispose();
  }
}
