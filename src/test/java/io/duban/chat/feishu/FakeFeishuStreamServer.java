package io.duban.chat.feishu;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feishu's long-connection gateway on loopback, as the SDK expects it: {@code POST
 * /callback/ws/endpoint} checks AppID/AppSecret and answers {@code {code:0, data:{URL,
 * ClientConfig}}}; the WebSocket takes binary {@code pbbp2.Frame}s, answers a ping control frame
 * with a pong carrying the ClientConfig, pushes events as data frames (optionally split in two
 * parts by {@code sum}/{@code seq}), and keeps each until a data frame answering its {@code
 * message_id} with payload {@code code: 200} comes back; unanswered events go down the next
 * connection again.
 */
final class FakeFeishuStreamServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String appId;
  private final String appSecret;
  private final DisposableServer server;
  private final Map<String, List<FeishuFrame>> unanswered =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<FeishuFrame> answers = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicBoolean silent = new AtomicBoolean();
  private final AtomicBoolean dropNextAnswer = new AtomicBoolean();
  private final AtomicReference<Connection> current = new AtomicReference<>();

  FakeFeishuStreamServer(String appId, String appSecret) {
    this.appId = appId;
    this.appSecret = appSecret;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes
                        .post(
                            FeishuStream.ENDPOINT_PATH,
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asString()
                                    .flatMap(
                                        body ->
                                            response
                                                .header("Content-Type", "application/json")
                                                .sendString(Mono.just(endpoint(body)))
                                                .then()))
                        .route(
                            request -> "/ws".equals(request.fullPath()),
                            (request, response) -> {
                              if (!request.uri().contains("service_id=7")) {
                                return response.status(HttpResponseStatus.FORBIDDEN).send();
                              }
                              return response.sendWebsocket(
                                  (in, out) -> {
                                    Connection connection = new Connection();
                                    connections.incrementAndGet();
                                    Connection before = current.getAndSet(connection);
                                    if (before != null) {
                                      before.close();
                                    }
                                    List<List<FeishuFrame>> pending;
                                    synchronized (unanswered) {
                                      pending = new ArrayList<>(unanswered.values());
                                    }
                                    pending.forEach(parts -> parts.forEach(connection::send));
                                    Mono<Void> receiving =
                                        in.receiveFrames()
                                            .filter(frame -> frame instanceof BinaryWebSocketFrame)
                                            .map(frame -> ByteBufUtil.getBytes(frame.content()))
                                            .doOnNext(bytes -> answer(bytes, connection))
                                            .then();
                                    return Mono.firstWithSignal(
                                            out.sendObject(connection.frames.asFlux()).then(),
                                            receiving,
                                            connection.closed.asMono())
                                        .doFinally(signal -> connection.close());
                                  });
                            }))
            .bindNow();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Pushes an event; {@code split} sends its payload in two data frames. */
  String push(String eventJson, boolean split) {
    String messageId = UUID.randomUUID().toString();
    byte[] payload = eventJson.getBytes(StandardCharsets.UTF_8);
    List<FeishuFrame> parts = new ArrayList<>();
    if (split) {
      int half = payload.length / 2;
      parts.add(data(messageId, 2, 0, Arrays.copyOfRange(payload, 0, half)));
      parts.add(data(messageId, 2, 1, Arrays.copyOfRange(payload, half, payload.length)));
    } else {
      parts.add(data(messageId, 1, 0, payload));
    }
    unanswered.put(messageId, parts);
    Connection connection = current.get();
    if (connection != null) {
      parts.forEach(connection::send);
    }
    return messageId;
  }

  void stopAnsweringPings() {
    silent.set(true);
  }

  void answerPings() {
    silent.set(false);
  }

  void dropNextAnswer() {
    dropNextAnswer.set(true);
  }

  boolean connected() {
    return current.get() != null;
  }

  int connections() {
    return connections.get();
  }

  int pings() {
    return pings.get();
  }

  int refused() {
    return refused.get();
  }

  int unanswered() {
    return unanswered.size();
  }

  List<FeishuFrame> answers() {
    return List.copyOf(answers);
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private String endpoint(String body) {
    JsonNode request = JSON.readTree(body);
    if (!appId.equals(request.path("AppID").asString())
        || !appSecret.equals(request.path("AppSecret").asString())) {
      refused.incrementAndGet();
      return "{\"code\":514,\"msg\":\"auth failed\"}";
    }
    return "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\"ws://127.0.0.1:"
        + server.port()
        + "/ws?device_id=d-1&service_id=7\",\"ClientConfig\":{\"ReconnectCount\":-1,"
        + "\"ReconnectInterval\":120,\"ReconnectNonce\":30,\"PingInterval\":1}}}";
  }

  private static FeishuFrame data(String messageId, int sum, int seq, byte[] payload) {
    return new FeishuFrame(
        42,
        43,
        7,
        FeishuFrame.DATA,
        List.of(
            new FeishuFrame.Header("type", "event"),
            new FeishuFrame.Header("message_id", messageId),
            new FeishuFrame.Header("sum", Integer.toString(sum)),
            new FeishuFrame.Header("seq", Integer.toString(seq)),
            new FeishuFrame.Header("trace_id", "trace-" + messageId)),
        "",
        "",
        payload,
        "");
  }

  private void answer(byte[] bytes, Connection connection) {
    FeishuFrame frame = FeishuFrame.decode(bytes);
    if (frame.method() == FeishuFrame.CONTROL && "ping".equals(frame.header("type"))) {
      pings.incrementAndGet();
      if (!silent.get()) {
        connection.send(
            new FeishuFrame(
                0,
                0,
                frame.service(),
                FeishuFrame.CONTROL,
                List.of(new FeishuFrame.Header("type", "pong")),
                "",
                "",
                "{\"PingInterval\":1}".getBytes(StandardCharsets.UTF_8),
                ""));
      }
      return;
    }
    String messageId = frame.header("message_id");
    JsonNode payload = JSON.readTree(new String(frame.payload(), StandardCharsets.UTF_8));
    if (frame.method() == FeishuFrame.DATA
        && payload.path("code").asInt() == 200
        && unanswered.containsKey(messageId)) {
      if (dropNextAnswer.getAndSet(false)) {
        connection.close();
        return;
      }
      unanswered.remove(messageId);
      answers.add(frame);
    }
  }

  /** One accepted WebSocket. */
  private final class Connection {
    final Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
    final Sinks.Empty<Void> closed = Sinks.empty();

    void send(FeishuFrame frame) {
      frames.emitNext(
          new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.encode())),
          Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    void close() {
      current.compareAndSet(this, null);
      closed.tryEmitEmpty();
    }
  }
}
