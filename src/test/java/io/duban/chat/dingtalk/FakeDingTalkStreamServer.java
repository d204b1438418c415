package io.duban.chat.dingtalk;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DingTalk Stream gateway on loopback, behaving as the platform documents and its SDK expects:
 * {@code POST /v1.0/gateway/connections/open} checks clientId/clientSecret and hands out an
 * endpoint with a one-time ticket; the WebSocket at that endpoint refuses a wrong or used ticket,
 * pushes {@code CALLBACK} frames for robot messages, sends {@code SYSTEM ping} frames on request,
 * and keeps every message until a {@code code: 200} answer with its {@code messageId} arrives: an
 * unacknowledged message is pushed again down the next connection. It also takes robot replies at
 * {@code /robot/sendBySession}. Switches make it misbehave: stop answering heartbeats, or close the
 * connection instead of accepting the next ACK.
 */
public final class FakeDingTalkStreamServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String clientId;
  private final String clientSecret;
  private final DisposableServer server;
  private final Set<String> tickets = ConcurrentHashMap.newKeySet();
  private final Map<String, String> unacked = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> acks = Collections.synchronizedList(new ArrayList<>());
  private final List<String> pingAnswers = Collections.synchronizedList(new ArrayList<>());
  private final List<String> replies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger refusedOpens = new AtomicInteger();
  private volatile List<String> topics = List.of();
  private final AtomicBoolean silent = new AtomicBoolean();
  private final AtomicBoolean dropNextAck = new AtomicBoolean();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private final AtomicReference<Connection> current = new AtomicReference<>();

  public FakeDingTalkStreamServer(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes
                        .post(
                            "/v1.0/gateway/connections/open",
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asString()
                                    .flatMap(
                                        body -> {
                                          String answer = open(body);
                                          if (answer == null) {
                                            return response
                                                .status(HttpResponseStatus.UNAUTHORIZED)
                                                .sendString(
                                                    Mono.just("{\"code\":\"invalidClient\"}"))
                                                .then();
                                          }
                                          return response
                                              .header("Content-Type", "application/json")
                                              .sendString(Mono.just(answer))
                                              .then();
                                        }))
                        .post(
                            "/robot/sendBySession",
                            (request, response) ->
                                request
                                    .receive()
                                    .aggregate()
                                    .asString()
                                    .doOnNext(replies::add)
                                    .then(
                                        response
                                            .header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"errcode\":0}"))
                                            .then()))
                        .route(
                            request -> "/connect".equals(request.fullPath()),
                            (request, response) -> {
                              String ticket =
                                  new QueryStringDecoder(request.uri())
                                      .parameters()
                                      .getOrDefault("ticket", List.of(""))
                                      .get(0);
                              if (!tickets.remove(ticket)) {
                                return response.status(HttpResponseStatus.UNAUTHORIZED).send();
                              }
                              return response.sendWebsocket(
                                  (in, out) -> {
                                    Connection connection = new Connection();
                                    connections.incrementAndGet();
                                    Connection before = current.getAndSet(connection);
                                    if (before != null) {
                                      before.close();
                                    }
                                    // redelivery: whatever was not acknowledged goes down again
                                    List<String> pending;
                                    synchronized (unacked) {
                                      pending = new ArrayList<>(unacked.values());
                                    }
                                    pending.forEach(connection::send);
                                    Mono<Void> receiving =
                                        in.receiveFrames()
                                            .map(this::copy)
                                            .concatMap(frame -> answer(frame, connection))
                                            .then();
                                    return Mono.firstWithSignal(
                                            out.sendObject(connection.frames.asFlux()).then(),
                                            receiving,
                                            connection.closed.asMono())
                                        .doFinally(signal -> connection.close());
                                  },
                                  WebsocketServerSpec.builder().handlePing(true).build());
                            }))
            .bindNow();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Pushes a robot message (its {@code data} JSON) with a fresh stream messageId. */
  public String push(String robotMessageJson) {
    return push(DingTalkStreamFrames.BOT_MESSAGE_TOPIC, robotMessageJson);
  }

  /** The callback topics the last accepted open request subscribed. */
  public List<String> topics() {
    return topics;
  }

  /** Pushes a callback of {@code topic} (its {@code data} JSON) with a fresh stream messageId. */
  public String push(String topic, String dataJson) {
    String robotMessageJson = dataJson;
    String messageId = UUID.randomUUID().toString();
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("appId", "fake-app");
    headers.put("connectionId", "fake-connection");
    headers.put("contentType", "application/json");
    headers.put("messageId", messageId);
    headers.put("time", Long.toString(System.currentTimeMillis()));
    headers.put("topic", topic);
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("specVersion", "1.0");
    frame.put("type", "CALLBACK");
    frame.put("headers", headers);
    frame.put("data", robotMessageJson);
    String text = JSON.writeValueAsString(frame);
    unacked.put(messageId, text);
    Connection connection = current.get();
    if (connection != null) {
      connection.send(text);
    }
    return messageId;
  }

  /** A {@code SYSTEM ping}, which the client must answer with the same data. */
  public void ping(String opaque) {
    String text =
        "{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"contentType\":"
            + "\"application/json\",\"messageId\":\"ping-"
            + opaque
            + "\",\"time\":\"1690000000000\",\"topic\":\"ping\"},\"data\":\"{\\\"opaque\\\":\\\""
            + opaque
            + "\\\"}\"}";
    Connection connection = current.get();
    if (connection != null) {
      connection.send(text);
    }
  }

  /** From now on WebSocket pings go unanswered (a gateway that hangs without closing). */
  public void stopAnsweringHeartbeats() {
    silent.set(true);
  }

  /** Answers heartbeats again. */
  public void answerHeartbeats() {
    silent.set(false);
  }

  /** The next ACK is not accepted: the connection is closed instead, as if it broke in between. */
  public void dropNextAck() {
    dropNextAck.set(true);
  }

  /** While on, every open request is refused (an outage of the gateway). */
  public void refuseOpens(boolean refuse) {
    refusing.set(refuse);
  }

  /** Closes the current connection from the server side. */
  public void closeConnection() {
    Connection connection = current.get();
    if (connection != null) {
      connection.close();
    }
  }

  public int opens() {
    return opens.get();
  }

  public int refusedOpens() {
    return refusedOpens.get();
  }

  public int connections() {
    return connections.get();
  }

  public boolean connected() {
    return current.get() != null;
  }

  public int unacknowledged() {
    return unacked.size();
  }

  public List<String> acks() {
    return List.copyOf(acks);
  }

  public List<String> pingAnswers() {
    return List.copyOf(pingAnswers);
  }

  public List<String> replies() {
    return List.copyOf(replies);
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private String open(String body) {
    opens.incrementAndGet();
    if (refusing.get()) {
      return null;
    }
    JsonNode request = JSON.readTree(body);
    boolean subscribed = false;
    List<String> subscribedTopics = new java.util.ArrayList<>();
    for (JsonNode subscription : request.path("subscriptions")) {
      subscribedTopics.add(subscription.path("topic").asString());
      subscribed |=
          "CALLBACK".equals(subscription.path("type").asString())
              && DingTalkStreamFrames.BOT_MESSAGE_TOPIC.equals(
                  subscription.path("topic").asString());
    }
    if (!clientId.equals(request.path("clientId").asString())
        || !clientSecret.equals(request.path("clientSecret").asString())
        || !subscribed) {
      refusedOpens.incrementAndGet();
      return null;
    }
    topics = List.copyOf(subscribedTopics);
    String ticket = UUID.randomUUID().toString();
    tickets.add(ticket);
    return "{\"endpoint\":\"ws://127.0.0.1:"
        + server.port()
        + "/connect\",\"ticket\":\""
        + ticket
        + "\"}";
  }

  private Object copy(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      return text.text();
    }
    if (frame instanceof PingWebSocketFrame) {
      return Boolean.TRUE;
    }
    return Boolean.FALSE;
  }

  private Mono<Void> answer(Object frame, Connection connection) {
    if (Boolean.TRUE.equals(frame)) {
      if (!silent.get()) {
        connection.send(new PongWebSocketFrame());
      }
      return Mono.empty();
    }
    if (!(frame instanceof String text)) {
      return Mono.empty();
    }
    JsonNode answer = JSON.readTree(text);
    String messageId = answer.path("headers").path("messageId").asString();
    if (messageId.startsWith("ping-")) {
      pingAnswers.add(text);
      return Mono.empty();
    }
    if (answer.path("code").asInt() == 200 && unacked.containsKey(messageId)) {
      if (dropNextAck.getAndSet(false)) {
        connection.close();
        return Mono.empty();
      }
      unacked.remove(messageId);
      acks.add(text);
    }
    return Mono.empty();
  }

  /** One accepted WebSocket: what goes down it, and a switch to close it. */
  private final class Connection {
    final Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
    final Sinks.Empty<Void> closed = Sinks.empty();

    void send(String text) {
      send(new TextWebSocketFrame(text));
    }

    void send(WebSocketFrame frame) {
      frames.emitNext(frame, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1)));
    }

    void close() {
      current.compareAndSet(this, null);
      closed.tryEmitEmpty();
    }
  }
}
