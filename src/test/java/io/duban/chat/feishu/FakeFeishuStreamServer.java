package io.duban.chat.feishu;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Feishu's long-connection gateway on loopback, as the SDK expects it: {@code POST
 * /callback/ws/endpoint} checks AppID/AppSecret and answers {@code {code:0, data:{URL,
 * ClientConfig}}}; the WebSocket takes binary {@code pbbp2.Frame}s, answers a ping control frame
 * with a pong carrying the ClientConfig, pushes events as data frames (optionally split in two
 * parts by {@code sum}/{@code seq}), and keeps each until a data frame answering its {@code
 * message_id} with payload {@code code: 200} comes back; unanswered events go down the next
 * connection again. It is also the bot's open API for replies: {@code
 * /open-apis/auth/v3/tenant_access_token/internal} (the same AppID and AppSecret) and {@code POST
 * /open-apis/im/v1/messages}, whose bodies it keeps when they carry its token.
 */
public final class FakeFeishuStreamServer implements AutoCloseable {

  static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";
  static final String MESSAGES_PATH = "/open-apis/im/v1/messages";
  private static final String TENANT_TOKEN = "t-fake-stream-tenant-token";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String appId;
  private final String appSecret;
  private final DisposableServer server;
  private final Map<String, List<FeishuFrame>> unanswered =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<FeishuFrame> answers = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> sent = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicBoolean silent = new AtomicBoolean();
  private final AtomicBoolean dropNextAnswer = new AtomicBoolean();
  private final AtomicReference<Connection> current = new AtomicReference<>();

  public FakeFeishuStreamServer(String appId, String appSecret) {
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
                            request ->
                                request.method().name().equals("POST")
                                    && TOKEN_PATH.equals(request.fullPath()),
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asString()
                                    .flatMap(
                                        body ->
                                            response
                                                .header("Content-Type", "application/json")
                                                .sendString(Mono.just(tenantToken(body)))
                                                .then()))
                        .route(
                            request ->
                                request.method().name().equals("POST")
                                    && MESSAGES_PATH.equals(request.fullPath()),
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asString(StandardCharsets.UTF_8)
                                    .flatMap(
                                        body ->
                                            response
                                                .header("Content-Type", "application/json")
                                                .sendString(
                                                    Mono.just(
                                                        message(
                                                            request
                                                                .requestHeaders()
                                                                .get("Authorization"),
                                                            request.uri(),
                                                            body)))
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

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Pushes an event; {@code split} sends its payload in two data frames. */
  public String push(String eventJson, boolean split) {
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

  public boolean connected() {
    return current.get() != null;
  }

  public int connections() {
    return connections.get();
  }

  int pings() {
    return pings.get();
  }

  int refused() {
    return refused.get();
  }

  public int unanswered() {
    return unanswered.size();
  }

  List<FeishuFrame> answers() {
    return List.copyOf(answers);
  }

  /**
   * The messages sent through the message API, each its JSON body with the query's {@code
   * receive_id_type} added.
   */
  public List<JsonNode> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** The texts of the text messages sent to chat {@code chatId}. */
  public List<String> textsTo(String chatId) {
    return sent().stream()
        .filter(m -> chatId.equals(m.path("receive_id").asString()))
        .filter(m -> "text".equals(m.path("msg_type").asString()))
        .map(m -> JSON.readTree(m.path("content").asString()).path("text").asString())
        .toList();
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

  private String tenantToken(String body) {
    JsonNode request = JSON.readTree(body);
    if (!appId.equals(request.path("app_id").asString())
        || !appSecret.equals(request.path("app_secret").asString())) {
      return "{\"code\":10014,\"msg\":\"app secret invalid\"}";
    }
    return "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\""
        + TENANT_TOKEN
        + "\",\"expire\":7200}";
  }

  private String message(String authorization, String uri, String body) {
    if (!("Bearer " + TENANT_TOKEN).equals(authorization)) {
      return "{\"code\":99991663,\"msg\":\"Invalid access token for authorization\"}";
    }
    String type =
        new QueryStringDecoder(uri)
            .parameters()
            .getOrDefault("receive_id_type", List.of(""))
            .get(0);
    ObjectNode message = (ObjectNode) JSON.readTree(body);
    message.put("receive_id_type", type);
    sent.add(message);
    return "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"om_sent_"
        + sent.size()
        + "\"}}";
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
