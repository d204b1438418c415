package io.duban.chat.wecom;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * WeCom's smart-bot long-connection server on loopback, as its SDK expects it: the first frame must
 * be {@code aibot_subscribe} with the right Bot ID and Secret (answered {@code errcode 0}, or an
 * error answer for a wrong one); {@code ping} frames are answered with their {@code req_id}; it
 * pushes {@code aibot_msg_callback} frames, takes {@code aibot_respond_msg} replies (answering each
 * with its {@code req_id}), and can send {@code disconnected_event}, as when a newer connection of
 * the bot displaces this one. A switch stops it answering pings (a server hanging without closing).
 * It takes proactive {@code aibot_send_msg} messages as the SDK sends them ({@code chatid} and a
 * {@code markdown} or {@code template_card} body; another {@code msgtype} is refused with errcode
 * 40008), and serves the encrypted files that image messages point to at {@code /files/<name>}.
 *
 * <p>A message pushed while no connection is subscribed is held and pushed down the next
 * subscription. WeCom documents no redelivery on this connection: the fake assumes the user's
 * message waits for the bot (what a failover test can measure); a WeCom that dropped it instead
 * would lose it on its own side.
 */
public final class FakeWeComStreamServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String botId;
  private final String secret;
  private final DisposableServer server;
  private final AtomicReference<Connection> current = new AtomicReference<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final List<JsonNode> responses = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> sent = Collections.synchronizedList(new ArrayList<>());
  private final List<String> held = new ArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicBoolean silent = new AtomicBoolean();

  public FakeWeComStreamServer(String botId, String secret) {
    this.botId = botId;
    this.secret = secret;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes
                        .get(
                            "/files/{name}",
                            (request, response) -> {
                              byte[] file = files.get(request.param("name"));
                              return file == null
                                  ? response.status(404).send()
                                  : response
                                      .header("Content-Type", "application/octet-stream")
                                      .sendByteArray(Mono.just(file))
                                      .then();
                            })
                        .ws(
                            "/",
                            (in, out) -> {
                              Connection connection = new Connection();
                              Mono<Void> receiving =
                                  in.receive()
                                      .asString()
                                      .concatMap(text -> answer(text, connection))
                                      .then();
                              return Mono.firstWithSignal(
                                      out.sendObject(connection.frames.asFlux()).then(),
                                      receiving,
                                      connection.closed.asMono())
                                  .doFinally(
                                      signal -> {
                                        synchronized (held) {
                                          current.compareAndSet(connection, null);
                                        }
                                      });
                            }))
            .bindNow();
  }

  public String url() {
    return "ws://127.0.0.1:" + server.port() + "/";
  }

  /** Serves {@code bytes} at the returned URL (an image message's encrypted picture). */
  public String file(String name, byte[] bytes) {
    files.put(name, bytes);
    return "http://127.0.0.1:" + server.port() + "/files/" + name;
  }

  /**
   * Pushes a message (the HTTP callback's plaintext JSON) with a fresh req_id, or holds it for the
   * next subscription when none is open; returns the req_id.
   */
  public String push(String messageJson) {
    String reqId = "req-" + UUID.randomUUID();
    String frame =
        "{\"cmd\":\"aibot_msg_callback\",\"headers\":{\"req_id\":\""
            + reqId
            + "\"},\"body\":"
            + messageJson
            + "}";
    synchronized (held) {
      Connection connection = current.get();
      if (connection == null) {
        held.add(frame);
      } else {
        connection.send(frame);
      }
    }
    return reqId;
  }

  /** Tells the current connection a newer one took over, and closes it. */
  void displace() {
    Connection connection = current.get();
    connection.send(
        "{\"cmd\":\"aibot_event_callback\",\"headers\":{\"req_id\":\"evt-1\"},\"body\":"
            + "{\"msgid\":\"evt-1\",\"create_time\":1700000000,\"aibotid\":\""
            + botId
            + "\",\"msgtype\":\"event\",\"event\":{\"eventtype\":\"disconnected_event\"}}}");
    Mono.delay(Duration.ofMillis(200)).subscribe(t -> connection.close());
  }

  void stopAnsweringPings() {
    silent.set(true);
  }

  void answerPings() {
    silent.set(false);
  }

  /** True while a connection is open and subscribed with the right credentials. */
  public boolean connected() {
    return current.get() != null;
  }

  public int connections() {
    return connections.get();
  }

  /** Messages pushed while no connection was subscribed, not yet delivered. */
  public int held() {
    synchronized (held) {
      return held.size();
    }
  }

  int pings() {
    return pings.get();
  }

  /** Subscriptions refused for {@code bot}. */
  int refused(String bot) {
    return refused.computeIfAbsent(bot, b -> new AtomicInteger()).get();
  }

  /** The {@code aibot_respond_msg} frames taken, in order. */
  public List<JsonNode> responses() {
    synchronized (responses) {
      return List.copyOf(responses);
    }
  }

  /** The stream contents answered to the message pushed with {@code reqId}. */
  public List<String> answersTo(String reqId) {
    return responses().stream()
        .filter(a -> reqId.equals(a.path("headers").path("req_id").asString()))
        .map(a -> a.path("body").path("stream").path("content").asString())
        .toList();
  }

  /** The {@code aibot_send_msg} frames taken (proactive messages), in order. */
  public List<JsonNode> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  private Mono<Void> answer(String text, Connection connection) {
    JsonNode frame = JSON.readTree(text);
    String cmd = frame.path("cmd").asString("");
    String reqId = frame.path("headers").path("req_id").asString("");
    switch (cmd) {
      case "aibot_subscribe" -> {
        String bot = frame.path("body").path("bot_id").asString("");
        if (botId.equals(bot) && secret.equals(frame.path("body").path("secret").asString(""))) {
          connection.subscribed = true;
          connections.incrementAndGet();
          connection.send(ok(reqId));
          synchronized (held) {
            Connection before = current.getAndSet(connection);
            if (before != null) {
              before.close();
            }
            held.forEach(connection::send);
            held.clear();
          }
        } else {
          refused.computeIfAbsent(bot, b -> new AtomicInteger()).incrementAndGet();
          connection.send(
              "{\"headers\":{\"req_id\":\""
                  + reqId
                  + "\"},\"errcode\":40058,\"errmsg\":\"invalid"
                  + " secret\"}");
        }
      }
      case "ping" -> {
        pings.incrementAndGet();
        if (connection.subscribed && !silent.get()) {
          connection.send(ok(reqId));
        }
      }
      case "aibot_respond_msg" -> {
        if (connection.subscribed) {
          responses.add(frame);
          connection.send(ok(reqId));
        }
      }
      case "aibot_send_msg" -> {
        if (connection.subscribed) {
          JsonNode body = frame.path("body");
          String type = body.path("msgtype").asString("");
          if (body.path("chatid").asString("").isEmpty()) {
            connection.send(error(reqId, 40003, "invalid chatid"));
          } else if (!type.equals("markdown") && !type.equals("template_card")) {
            connection.send(error(reqId, 40008, "invalid message type"));
          } else {
            sent.add(frame);
            connection.send(ok(reqId));
          }
        }
      }
      default -> {}
    }
    return Mono.empty();
  }

  private static String error(String reqId, int code, String message) {
    return "{\"headers\":{\"req_id\":\""
        + reqId
        + "\"},\"errcode\":"
        + code
        + ",\"errmsg\":\""
        + message
        + "\"}";
  }

  private static String ok(String reqId) {
    return "{\"headers\":{\"req_id\":\"" + reqId + "\"},\"errcode\":0,\"errmsg\":\"ok\"}";
  }

  private static final class Connection {
    final Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
    final Sinks.Empty<Void> closed = Sinks.empty();
    volatile boolean subscribed;

    void send(String text) {
      frames.emitNext(
          new TextWebSocketFrame(text),
          Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
    }

    void close() {
      closed.tryEmitEmpty();
    }
  }
}
