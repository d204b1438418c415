package io.duban.peer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The group robot's callback URL: GET answers WeCom's URL check with the decrypted echostr, POST
 * verifies, decrypts and hands the message to the desk, then answers an empty 200.
 */
@RestController
@RequestMapping("/callbacks/wecom/{id}")
class CallbackController {

  private static final long MAX_SKEW_SECONDS = 300;

  private final String botId;
  private final CallbackCrypto crypto;
  private final ReportDesk desk;

  CallbackController(
      @Value("${peer.bot-id}") String botId, CallbackCrypto crypto, ReportDesk desk) {
    this.botId = botId;
    this.crypto = crypto;
    this.desk = desk;
  }

  @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  String verifyUrl(
      @PathVariable String id,
      @RequestParam("msg_signature") String signature,
      @RequestParam String timestamp,
      @RequestParam String nonce,
      @RequestParam String echostr) {
    check(id, signature, timestamp, nonce, echostr);
    return crypto.decrypt(echostr);
  }

  @PostMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  String receive(
      @PathVariable String id,
      @RequestParam("msg_signature") String signature,
      @RequestParam String timestamp,
      @RequestParam String nonce,
      @RequestBody byte[] body) {
    String encrypted = CallbackXml.fields(new String(body, StandardCharsets.UTF_8)).get("Encrypt");
    if (encrypted == null || encrypted.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no Encrypt element");
    }
    check(id, signature, timestamp, nonce, encrypted);
    Map<String, String> xml = CallbackXml.fields(crypto.decrypt(encrypted));
    String msgId = xml.get("MsgId");
    if (msgId == null || msgId.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no MsgId");
    }
    desk.handle(
        new ReportDesk.Message(
            msgId,
            xml.get("ChatId"),
            xml.get("From/UserId"),
            xml.get("MsgType"),
            xml.getOrDefault("Text/Content", ""),
            xml.get("WebhookUrl")));
    return "";
  }

  private void check(String id, String signature, String timestamp, String nonce, String data) {
    if (!botId.equals(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown robot");
    }
    crypto.verify(signature, timestamp, nonce, data);
    long sent;
    try {
      sent = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "bad timestamp");
    }
    if (Math.abs(Instant.now().getEpochSecond() - sent) > MAX_SKEW_SECONDS) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "stale timestamp");
    }
  }
}
