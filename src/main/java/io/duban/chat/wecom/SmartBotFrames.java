package io.duban.chat.wecom;

import io.duban.chat.OutboundMessage;
import io.duban.chat.PlatformHttp;
import io.duban.chat.SendFailure;
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
   * files would need WeCom's chunked media upload first, which Duban does not do: refused.
   */
  String send(String reqId, String chatId, OutboundMessage message) {
    if (message.format() == OutboundMessage.Format.IMAGE
        || message.format() == OutboundMessage.Format.FILE) {
      throw SendFailure.permanent(
          "a WeCom smart bot's long connection takes proactive text and markdown only; a picture"
              + " or file needs its media upload, which Duban does not do: send a link");
    }
    ObjectNode frame = frame(SEND, reqId);
    ObjectNode body = frame.putObject("body").put("chatid", chatId).put("msgtype", "markdown");
    body.putObject("markdown").put("content", withMentions(message));
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
