package io.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The server's timeouts cut slow clients off, and leave ordinary ones alone. */
class HttpServerTimeoutsTest {

  static final HttpTimeoutProperties TIMEOUTS =
      new HttpTimeoutProperties(
          Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofSeconds(5));

  DisposableServer server;

  @BeforeEach
  void start() {
    HttpServer http =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (request, response) ->
                    request
                        .receive()
                        .aggregate()
                        .asString()
                        .defaultIfEmpty("")
                        .flatMap(body -> response.sendString(Mono.just("ok " + body)).then()));
    server = new HttpServerTimeouts().serverTimeouts(TIMEOUTS).apply(http).bindNow();
  }

  @AfterEach
  void stop() {
    server.disposeNow();
  }

  @Test
  void closesAClientThatSendsItsRequestHeadOneByteAtATime() throws Exception {
    byte[] head =
        ("GET /slow HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(200) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    long started = System.nanoTime();
    boolean cutOff = false;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (byte b : head) {
        out.write(b);
        out.flush();
        Thread.sleep(50); // a byte every 50 ms: well within any per-read timeout
        if (in.available() > 0 || closed(socket)) {
          cutOff = true;
          break;
        }
      }
      if (!cutOff) {
        cutOff = in.read() == -1;
      }
    } catch (SocketException e) {
      cutOff = true; // the write after the server closed was refused
    }
    Duration held = Duration.ofNanos(System.nanoTime() - started);
    assertThat(cutOff).as("the connection was closed by the server").isTrue();
    assertThat(held).as("the whole head would take 11 s").isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void answersOrdinaryRequestsOnAKeptAliveConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      for (int i = 0; i < 2; i++) {
        socket
            .getOutputStream()
            .write(
                "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(readAnswer(socket.getInputStream()))
            .startsWith("HTTP/1.1 200")
            .endsWith("ok hi");
      }
    }
  }

  @Test
  void closesAClientThatStopsInTheMiddleOfItsBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf"
                  .getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      int b;
      do {
        b = in.read();
      } while (b != -1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
  }

  private static boolean closed(Socket socket) throws IOException {
    return socket.isInputShutdown();
  }

  /** Reads one answer with a content length (Reactor Netty answers {@code ok …} with one). */
  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int length = -1;
    while (true) {
      int c = in.read();
      if (c == -1) {
        return text.toString();
      }
      text.append((char) c);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0 && length < 0) {
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].trim());
      }
      if (length >= 0 && text.length() >= text.indexOf("\r\n\r\n") + 4 + length) {
        return text.toString();
      }
    }
  }
}
