package io.duban.chat.stream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * The WebSocket client every stream platform speaks over, on Reactor Netty (already the HTTP client
 * of the service, so no second network stack): it opens the socket, sends a heartbeat at each
 * interval, leaves a connection on which nothing arrived for the silence timeout, and hands each
 * inbound frame, in order, to the platform's {@link Handler}, whose answers (ACKs, replies) go out
 * in the order they are given. Liveness is measured on {@link System#nanoTime()}: it is an elapsed
 * interval on this machine, not a time of day, and must not move with a test clock.
 */
@Component
public class StreamSocket {

  private static final int MAX_FRAME = 4 * 1024 * 1024;

  private final StreamProperties properties;
  private final HttpClient client;

  StreamSocket(StreamProperties properties) {
    this.properties = properties;
    this.client =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
            .responseTimeout(properties.connectTimeout());
  }

  /** One frame from the platform: its text, or its bytes for a binary frame. */
  public record Frame(String text, byte[] bytes) {
    public boolean binary() {
      return bytes != null;
    }
  }

  /** Where a handler's answers go, in the order given. */
  public interface Outbound {
    void text(String text);

    void binary(byte[] bytes);

    /** Ends the connection cleanly after what was given so far (the supervisor reconnects). */
    void close();
  }

  /** A platform's side of one connection. */
  public interface Handler {

    /** The frame sent at each heartbeat interval: a WebSocket ping unless the protocol says. */
    default WebSocketFrame heartbeat() {
      return new PingWebSocketFrame();
    }

    /**
     * Called once the socket is open, before any frame is read: a protocol that logs in with a
     * first frame (WeCom's {@code aibot_subscribe}) sends it here.
     */
    default void opened(Outbound out) {}

    /**
     * True when the protocol confirms the connection with a frame of its own (a subscribe answer):
     * the handler then tells the link {@code connected()} itself, so a refused login does not count
     * as a connection (and its backoff keeps growing).
     */
    default boolean confirmsConnection() {
      return false;
    }

    /** Handles one inbound frame; the next waits until the returned Mono completes. */
    Mono<Void> onFrame(Frame frame, Outbound out);
  }

  /** Opens {@code uri} and holds it until it closes, breaks or falls silent. */
  public Mono<Void> open(URI uri, Handler handler, StreamLink link) {
    return open(uri, handler, link, properties::heartbeat);
  }

  /**
   * As {@link #open(URI, Handler, StreamLink)}, with the heartbeat interval read at each beat (a
   * platform may set it from the connection itself, as Feishu's ClientConfig does).
   */
  public Mono<Void> open(
      URI uri, Handler handler, StreamLink link, Supplier<Duration> heartbeatInterval) {
    return client
        .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
        .uri(uri)
        .handle(
            (in, out) -> {
              if (!handler.confirmsConnection()) {
                link.connected();
              }
              AtomicLong lastHeard = new AtomicLong(System.nanoTime());
              Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
              Sinks.Empty<Void> closed = Sinks.empty();
              Outbound answers = new SinkOutbound(outbound, closed);
              handler.opened(answers);
              Flux<WebSocketFrame> beats =
                  Flux.defer(() -> Mono.delay(heartbeatInterval.get()))
                      .repeat()
                      .map(tick -> handler.heartbeat());
              Mono<Void> sending = out.sendObject(Flux.merge(outbound.asFlux(), beats)).then();
              Mono<Void> receiving =
                  in.receiveFrames()
                      .doOnNext(
                          frame -> {
                            lastHeard.set(System.nanoTime());
                            link.received();
                          })
                      .map(StreamSocket::copy)
                      .filter(frame -> frame.text() != null || frame.bytes() != null)
                      .concatMap(frame -> handler.onFrame(frame, answers))
                      .then();
              Duration silence = properties.silenceTimeout();
              Mono<Void> silent =
                  Flux.interval(silence.dividedBy(4))
                      .onBackpressureDrop()
                      .filter(t -> System.nanoTime() - lastHeard.get() > silence.toNanos())
                      .next()
                      .flatMap(
                          t ->
                              Mono.error(
                                  new StreamSilent(
                                      "nothing heard for " + silence + " from " + host(uri))));
              return Mono.firstWithSignal(receiving, sending, silent, closed.asMono());
            })
        .then();
  }

  private static String host(URI uri) {
    return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** The frame's content, copied out: Netty releases the frame when this returns. */
  private static Frame copy(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      return new Frame(text.text(), null);
    }
    if (frame instanceof BinaryWebSocketFrame binary) {
      return new Frame(null, ByteBufUtil.getBytes(binary.content()));
    }
    return new Frame(null, null);
  }

  /** A connection left because it fell silent (a server no longer answering heartbeats). */
  static final class StreamSilent extends RuntimeException {
    StreamSilent(String message) {
      super(message, null, false, false);
    }
  }

  private record SinkOutbound(Sinks.Many<WebSocketFrame> frames, Sinks.Empty<Void> closed)
      implements Outbound {
    @Override
    public void text(String text) {
      frames.emitNext(new TextWebSocketFrame(text), Sinks.EmitFailureHandler.busyLooping(WAIT));
    }

    @Override
    public void binary(byte[] bytes) {
      frames.emitNext(
          new BinaryWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(bytes)),
          Sinks.EmitFailureHandler.busyLooping(WAIT));
    }

    @Override
    public void close() {
      closed.tryEmitEmpty();
    }

    private static final Duration WAIT = Duration.ofSeconds(1);
  }
}
