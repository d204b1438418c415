package io.duban.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat platform as {@code bench/run.sh} sees it: accepts every message sent to it on loopback
 * and answers WeCom's success ({@code errcode 0}), so the service's replies are delivered once
 * instead of being retried against a closed port while the message path is measured. Prints how
 * many it received when stopped.
 *
 * <pre>
 *   PlatformSink PORT
 * </pre>
 */
public final class PlatformSink {

  private static final byte[] OK =
      "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private PlatformSink() {}

  public static void main(String[] args) throws IOException {
    AtomicLong received = new AtomicLong();
    HttpServer server =
        HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            received.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK.length);
            out.write(OK);
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> System.out.println("RESULT sink received=" + received.get())));
    server.start();
  }
}
