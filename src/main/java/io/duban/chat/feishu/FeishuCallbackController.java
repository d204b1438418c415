package io.duban.chat.feishu;

import io.duban.chat.CallbackBody;
import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.FeishuBot;
import io.duban.chat.ClockSkew;
import io.duban.chat.InboundStore;
import io.duban.chat.MessageKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Feishu event subscription webhook ({@code /callbacks/feishu/{id}}): answers {@code
 * url_verification} (plain or encrypted) with the challenge after checking the Verification Token;
 * verifies {@code X-Lark-Signature} over the raw body when an Encrypt Key is set, decrypts, checks
 * the token, and stores the event. A card's button press ({@code card.action.trigger}, subscribed
 * on the same address) is verified the same way and answered with a toast.
 */
@RestController
@RequestMapping("/callbacks/feishu/{id}")
class FeishuCallbackController {

  private final ChatProperties properties;
  private final InboundStore inbound;
  private final Clock clock;

  FeishuCallbackController(ChatProperties properties, InboundStore inbound, Clock clock) {
    this.properties = properties;
    this.inbound = inbound;
    this.clock = clock;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<String> receive(
      @PathVariable String id,
      @RequestHeader(name = "X-Lark-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Lark-Request-Nonce", required = false) String nonce,
      @RequestHeader(name = "X-Lark-Signature", required = false) String signature,
      ServerHttpRequest request) {
    return Mono.fromCallable(() -> bot(id))
        .flatMap(
            bot ->
                CallbackBody.read(request)
                    .flatMap(body -> handle(bot, body, timestamp, nonce, signature)));
  }

  private Mono<String> handle(
      FeishuBot bot, byte[] body, String timestamp, String nonce, String signature) {
    JsonNode outer = CallbackJson.parse(body);
    String encrypted = CallbackJson.text(outer, "encrypt");
    FeishuCrypto crypto = hasText(bot.encryptKey()) ? new FeishuCrypto(bot.encryptKey()) : null;
    boolean signed = crypto != null && signature != null;
    if (signed) {
      crypto.verify(signature, timestamp, nonce, body);
      // the signature covers the header as sent; one that is not a number cannot be aged
      Instant sentAt = CallbackJson.epoch(timestamp, null);
      if (sentAt != null) {
        ClockSkew.check(clock.instant(), sentAt, bot.maxClockSkew());
      }
    }
    String plain;
    if (encrypted != null) {
      if (crypto == null) {
        throw new CallbackRejected(Reason.BAD_SIGNATURE, "encrypted event but no Encrypt Key");
      }
      plain = crypto.decrypt(encrypted);
    } else {
      plain = new String(body, StandardCharsets.UTF_8);
    }
    JsonNode event = encrypted != null ? CallbackJson.parse(plain) : outer;
    if ("url_verification".equals(CallbackJson.text(event, "type"))) {
      // an encrypted challenge already proves the Encrypt Key; a plain one needs the token
      checkToken(bot, CallbackJson.text(event, "token"), encrypted == null);
      String challenge = CallbackJson.text(event, "challenge");
      if (challenge == null) {
        throw new CallbackRejected(Reason.MALFORMED, "challenge missing");
      }
      return Mono.just(CallbackJson.write(Map.of("challenge", challenge)));
    }
    if (crypto != null && !signed) {
      throw new CallbackRejected(Reason.BAD_SIGNATURE, "X-Lark-Signature missing");
    }
    String token = CallbackJson.text(event, "header", "token");
    checkToken(bot, token != null ? token : CallbackJson.text(event, "token"), !signed);
    boolean press =
        FeishuMessages.CARD_ACTION.equals(CallbackJson.text(event, "header", "event_type"));
    return inbound
        .store(FeishuMessages.normalise(bot.id(), event, plain, clock.instant()))
        .map(stored -> press ? pressAnswer(stored) : "{}");
  }

  /**
   * A card press is answered within Feishu's 3 s with a toast (P2CardActionTriggerResponse {@code
   * toast.type}, {@code toast.content}); what the press did is answered in the chat once handled.
   */
  private static String pressAnswer(InboundStore.Stored stored) {
    String content =
        stored.message().messageType() != MessageKind.ACTION
            ? "此按钮不由督办助手处理"
            : stored.duplicate() ? "已收到，请勿重复点击" : "已收到，办理结果见群消息";
    return CallbackJson.write(
        Map.of(
            "toast",
            Map.of(
                "type",
                stored.message().messageType() == MessageKind.ACTION ? "success" : "info",
                "content",
                content)));
  }

  /**
   * Checks the Verification Token when one is configured; when the request is not signed, a token
   * is the only proof of origin, so it must be configured.
   */
  private static void checkToken(FeishuBot bot, String token, boolean required) {
    if (!hasText(bot.verificationToken())) {
      if (required) {
        throw new CallbackRejected(Reason.BAD_TOKEN, "bot has no Verification Token");
      }
      return;
    }
    byte[] expected = bot.verificationToken().getBytes(StandardCharsets.UTF_8);
    byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new CallbackRejected(Reason.BAD_TOKEN, "verification token does not match");
    }
  }

  private FeishuBot bot(String id) {
    return properties
        .feishuBot(id)
        .orElseThrow(() -> new CallbackRejected(Reason.UNKNOWN_BOT, "unknown Feishu bot"));
  }

  private static boolean hasText(String value) {
    return value != null && !value.isEmpty();
  }
}
