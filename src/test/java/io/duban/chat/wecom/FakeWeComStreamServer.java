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
 * {@code markdown} or {@code template_card} body, or an {@code image}, {@code file}, {@code voice}
 * or {@code video} naming the {@code media_id} of a finished upload; another {@code msgtype} is
 * refused with errcode 40008, an unknown media_id with 40007), takes uploads of temporary media in
 * the SDK's three steps ({@code aibot_upload_media_init}, {@code _chunk}, {@code _finish}) within
 * WeCom's documented limits, and serves the encrypted files that image messages point to at {@code
 * /files/<name>}.
 *
 * <p>A message pushed while no connection is subscribed is held and pushed down the next
 * subscription. WeCom documents no redelivery on this connection: the fake assumes the user's
 * message waits for the bot (what a failover test can measure); a WeCom that dropped it instead
 * would lose it on its own side.
 */
public final class FakeWeComStreamServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Media a proactive message may carry after its upload. */
  private static final java.util.Set<String> MEDIA_TYPES =
      java.util.Set.of("image", "file", "voice", "video");

  /** WeCom's temporary media limits, in bytes. */
  private static final Map<String, Long> MEDIA_LIMITS =
      Map.of("image", 10L << 20, "video", 10L << 20, "voice", 2L << 20, "file", 20L << 20);

  private static final int CHUNK_BYTES = 512 * 1024;

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
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final Map<String, Media> media = new ConcurrentHashMap<>();

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
                            },
                            // an upload chunk is 512 KB before Base64, as WeCom's SDK sends it
                            reactor.netty.http.server.WebsocketServerSpec.builder()
                                .maxFramePayloadLength(1 << 20)
                                .build()))
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
          } else if (MEDIA_TYPES.contains(type)) {
            Media media = this.media.get(body.path(type).path("media_id").asString(""));
            if (media == null || !media.type().equals(type)) {
              connection.send(error(reqId, 40007, "invalid media_id"));
            } else {
              sent.add(frame);
              connection.send(ok(reqId));
            }
          } else if (!type.equals("markdown") && !type.equals("template_card")) {
            connection.send(error(reqId, 40008, "invalid message type"));
          } else {
            sent.add(frame);
            connection.send(ok(reqId));
          }
        }
      }
      case "aibot_upload_media_init" -> {
        if (connection.subscribed) {
          connection.send(uploadInit(reqId, frame.path("body")));
        }
      }
      case "aibot_upload_media_chunk" -> {
        if (connection.subscribed) {
          connection.send(uploadChunk(reqId, frame.path("body")));
        }
      }
      case "aibot_upload_media_finish" -> {
        if (connection.subscribed) {
          connection.send(uploadFinish(reqId, frame.path("body")));
        }
      }
      default -> {}
    }
    return Mono.empty();
  }

  /**
   * Starts an upload as WeCom documents it: a media type of file, image, voice or video; more than
   * 5 bytes and at most the type's limit (image and video 10 MB, voice 2 MB, file 20 MB); 1 to 100
   * chunks.
   */
  private String uploadInit(String reqId, JsonNode body) {
    String type = body.path("type").asString("");
    long size = body.path("total_size").asLong(0);
    int chunks = body.path("total_chunks").asInt(0);
    Long limit = MEDIA_LIMITS.get(type);
    if (limit == null) {
      return error(reqId, 40004, "invalid media type");
    }
    if (size <= 5 || size > limit) {
      return error(reqId, 40006, "invalid file size");
    }
    if (chunks < 1 || chunks > 100 || (long) chunks * CHUNK_BYTES < size) {
      return error(reqId, 40058, "invalid total_chunks");
    }
    String id = "upload-" + UUID.randomUUID();
    uploads.put(
        id,
        new Upload(type, size, chunks, body.path("md5").asString(""), new ConcurrentHashMap<>()));
    return answer(reqId, "{\"upload_id\":\"" + id + "\"}");
  }

  /** One chunk: at most 512 KB before Base64, its index in range (from 0, as the SDK sends). */
  private String uploadChunk(String reqId, JsonNode body) {
    Upload upload = uploads.get(body.path("upload_id").asString(""));
    if (upload == null) {
      return error(reqId, 40058, "invalid upload_id");
    }
    int index = body.path("chunk_index").asInt(-1);
    byte[] chunk = java.util.Base64.getDecoder().decode(body.path("base64_data").asString(""));
    if (index < 0 || index >= upload.chunks() || chunk.length > CHUNK_BYTES) {
      return error(reqId, 40058, "invalid chunk");
    }
    upload.parts().put(index, chunk);
    return ok(reqId);
  }

  /** Ends an upload whose chunks are all there, add up to its size and match its MD5. */
  private String uploadFinish(String reqId, JsonNode body) {
    Upload upload = uploads.remove(body.path("upload_id").asString(""));
    if (upload == null || upload.parts().size() != upload.chunks()) {
      return error(reqId, 40058, "upload incomplete");
    }
    java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < upload.chunks(); i++) {
      whole.writeBytes(upload.parts().get(i));
    }
    byte[] bytes = whole.toByteArray();
    if (bytes.length != upload.size()
        || (!upload.md5().isEmpty() && !upload.md5().equals(md5(bytes)))) {
      return error(reqId, 40058, "size or md5 mismatch");
    }
    String id = "media-" + UUID.randomUUID();
    media.put(id, new Media(upload.type(), bytes));
    return answer(
        reqId,
        "{\"type\":\""
            + upload.type()
            + "\",\"media_id\":\""
            + id
            + "\",\"created_at\":\"1700000000\"}");
  }

  /** The bytes WeCom holds for {@code mediaId} (an uploaded picture or file), or null. */
  public byte[] media(String mediaId) {
    Media m = media.get(mediaId);
    return m == null ? null : m.bytes().clone();
  }

  private static String md5(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String answer(String reqId, String body) {
    return "{\"headers\":{\"req_id\":\""
        + reqId
        + "\"},\"errcode\":0,\"errmsg\":\"ok\",\"body\":"
        + body
        + "}";
  }

  private record Upload(
      String type, long size, int chunks, String md5, Map<Integer, byte[]> parts) {}

  private record Media(String type, byte[] bytes) {}

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
