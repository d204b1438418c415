package io.duban.bench;

import java.nio.charset.StandardCharsets;
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
 *   PlatformSink PORT
 * </pre>
 */
public final class PlatformSink {

  private static final byte[] OK =
      "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private PlatformSink() {}

  public static void main(String[] args) {
    AtomicLong received = new AtomicLong();
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(Integer.parseInt(args[0]))
            .handle(
                (request, response) ->
                    request
                        .receive()
                        .then(
                            Mono.defer(
                                () -> {
                                  received.incrementAndGet();
                                  return response
                                      .header("Content-Type", "application/json")
                                      .sendByteArray(Mono.just(OK))
                                      .then();
                                })))
            .bindNow();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> System.out.println("RESULT sink received=" + received.get())));
    server.onDispose().block();
  }
}
