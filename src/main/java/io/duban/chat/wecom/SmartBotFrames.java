package io.duban.chat.wecom;

import io.duban.chat.OutboundMessage;
import io.duban.chat.PlatformHttp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The frames Duban sends down a WeCom smart bot's long connection, in the shapes of WeCom's SDK
 * ({@code @wecom/aibot-node-sdk}): {@code {cmd, headers: {req_id}, body}}, each answered by a frame
 * with the same {@code req_id} and an {@code errcode}.
 */
final class SmartBotFrames {

  static final String SUBSCRIBE = "aibot_subscribe";
  static final String PING = "ping";
  static final String RESPOND = "aibot_respond_msg";
  static final String SEND = "aibot_send_msg";
  static final String UPLOAD_INIT = "aibot_upload_media_init";
  static final String UPLOAD_CHUNK = "aibot_upload_media_chunk";
  static final String UPLOAD_FINISH = "aibot_upload_media_finish";

  private final PlatformHttp http;

  SmartBotFrames(PlatformHttp http) {
    this.http = http;
  }

  /** A fresh {@code req_id} for a frame Duban starts, prefixed with its command as the SDK does. */
  static String reqId(String cmd) {
    return cmd + "_" + UUID.randomUUID();
  }

  /** The login: Bot ID and Secret (the Secret goes in this frame only, never in a log line). */
  String subscribe(String reqId, String botId, String secret) {
    ObjectNode frame = frame(SUBSCRIBE, reqId);
    frame.putObject("body").put("bot_id", botId).put("secret", secret);
    return http.write(frame);
  }

  String ping(String reqId) {
    ObjectNode frame = frame(PING, reqId);
    return http.write(frame);
  }

  /**
   * A reply to the message pushed with {@code reqId}: one finished {@code stream} message, a
   * picture as its {@code msg_item} (Base64 and MD5).
   */
  String respond(String reqId, OutboundMessage message) {
    ObjectNode frame = frame(RESPOND, reqId);
    ObjectNode body = frame.putObject("body").put("msgtype", "stream");
    ObjectNode stream =
        body.putObject("stream").put("id", UUID.randomUUID().toString()).put("finish", true);
    if (message.format() == OutboundMessage.Format.IMAGE) {
      byte[] raw = Base64.getDecoder().decode(message.text());
      stream.put("content", "");
      stream
          .putArray("msg_item")
          .addObject()
          .put("msgtype", "image")
          .putObject("image")
          .put("base64", message.text())
          .put("md5", md5Hex(raw));
    } else {
      stream.put("content", message.text());
    }
    return http.write(frame);
  }

  /**
   * A proactive message to a chat (a group's chatid, or a user's userid for a one-to-one chat):
   * {@code markdown}, the only text type WeCom takes here; text goes as markdown too. Pictures and
   * files go as {@link #sendMedia} after their upload.
   */
  String send(String reqId, String chatId, OutboundMessage message) {
    if (message.format() == OutboundMessage.Format.IMAGE
        || message.format() == OutboundMessage.Format.FILE) {
      throw new IllegalArgumentException("a picture or file is uploaded first: sendMedia");
    }
    ObjectNode frame = frame(SEND, reqId);
    ObjectNode body = frame.putObject("body").put("chatid", chatId).put("msgtype", "markdown");
    body.putObject("markdown").put("content", withMentions(message));
    return http.write(frame);
  }

  /**
   * A proactive picture or file ({@code msgtype} {@code image} or {@code file}) naming the {@code
   * media_id} its upload over this connection gave (the SDK's {@code sendMediaMessage}).
   */
  String sendMedia(String reqId, String chatId, String type, String mediaId) {
    ObjectNode frame = frame(SEND, reqId);
    ObjectNode body = frame.putObject("body").put("chatid", chatId).put("msgtype", type);
    body.putObject(type).put("media_id", mediaId);
    return http.write(frame);
  }

  /**
   * Starts an upload of temporary media: its type, file name, size in bytes, number of chunks and
   * the MD5 of the whole; WeCom answers an {@code upload_id}.
   */
  String uploadInit(String reqId, String type, String filename, int size, int chunks, byte[] raw) {
    ObjectNode frame = frame(UPLOAD_INIT, reqId);
    frame
        .putObject("body")
        .put("type", type)
        .put("filename", filename)
        .put("total_size", size)
        .put("total_chunks", chunks)
        .put("md5", md5Hex(raw));
    return http.write(frame);
  }

  /** One chunk of an upload, Base64, numbered from 0 as the SDK numbers them. */
  String uploadChunk(String reqId, String uploadId, int index, byte[] chunk) {
    ObjectNode frame = frame(UPLOAD_CHUNK, reqId);
    frame
        .putObject("body")
        .put("upload_id", uploadId)
        .put("chunk_index", index)
        .put("base64_data", Base64.getEncoder().encodeToString(chunk));
    return http.write(frame);
  }

  /** Ends an upload; WeCom answers the {@code media_id} (valid three days). */
  String uploadFinish(String reqId, String uploadId) {
    ObjectNode frame = frame(UPLOAD_FINISH, reqId);
    frame.putObject("body").put("upload_id", uploadId);
    return http.write(frame);
  }

  private ObjectNode frame(String cmd, String reqId) {
    ObjectNode frame = http.object().put("cmd", cmd);
    frame.putObject("headers").put("req_id", reqId);
    return frame;
  }

  /** WeCom's markdown mention, {@code <@userid>}, one per mentioned person after the text. */
  private static String withMentions(OutboundMessage message) {
    if (message.mentions().isEmpty()) {
      return message.text();
    }
    StringBuilder out = new StringBuilder(message.text()).append('\n');
    message.mentions().forEach(m -> out.append("<@").append(m).append('>'));
    return out.toString();
  }

  private static String md5Hex(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
