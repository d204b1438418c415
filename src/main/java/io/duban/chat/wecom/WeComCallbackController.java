package io.duban.chat.wecom;

import io.duban.chat.CallbackBody;
import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.WeComBot;
import io.duban.chat.ClockSkew;
import io.duban.chat.InboundStore;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.wecom.SecureXml.XmlFields;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WeCom callbacks ({@code /callbacks/wecom/{id}}) of a self-built app, a group robot or a smart
 * bot: GET answers URL verification with the decrypted echostr; POST verifies, decrypts, stores and
 * answers an empty 200 (no passive reply).
 */
@RestController
@RequestMapping("/callbacks/wecom/{id}")
class WeComCallbackController {

  private final ChatProperties properties;
  private final Map<String, CallbackCipher> cryptos = new HashMap<>();
  private final InboundStore inbound;
  private final Clock clock;

  WeComCallbackController(ChatProperties properties, InboundStore inbound, Clock clock) {
    this.properties = properties;
    this.inbound = inbound;
    this.clock = clock;
    for (WeComBot bot : properties.wecom()) {
      if (bot.token() != null && bot.encodingAesKey() != null) {
        try {
          cryptos.put(
              bot.id(), new CallbackCipher(bot.token(), bot.encodingAesKey(), bot.receiveId()));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "WeCom bot " + bot.id() + " has an invalid callback configuration", e);
        }
      }
    }
  }

  @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  Mono<String> verifyUrl(
      @PathVariable String id,
      @RequestParam(name = "msg_signature", required = false) String signature,
      @RequestParam(required = false) String timestamp,
      @RequestParam(required = false) String nonce,
      @RequestParam(required = false) String echostr) {
    return Mono.fromCallable(
        () -> {
          WeComBot bot = bot(id);
          CallbackCipher crypto = cryptos.get(id);
          if (echostr == null) {
            throw new CallbackRejected(Reason.MALFORMED, "echostr missing");
          }
          crypto.verify(signature, timestamp, nonce, echostr);
          ClockSkew.check(clock.instant(), ClockSkew.epochSeconds(timestamp), bot.maxClockSkew());
          return crypto.decrypt(echostr);
        });
  }

  @PostMapping(produces = MediaType.TEXT_PLAIN_VALUE)
  Mono<String> receive(
      @PathVariable String id,
      @RequestParam(name = "msg_signature", required = false) String signature,
      @RequestParam(required = false) String timestamp,
      @RequestParam(required = false) String nonce,
      ServerHttpRequest request) {
    return Mono.fromCallable(() -> bot(id))
        .flatMap(
            bot ->
                CallbackBody.read(request)
                    .map(body -> open(bot, body, signature, timestamp, nonce))
                    .flatMap(inbound::store))
        .thenReturn("");
  }

  private NewInboundMessage open(
      WeComBot bot, byte[] body, String signature, String timestamp, String nonce) {
    CallbackCipher crypto = cryptos.get(bot.id());
    String encrypted = envelope(new String(body, StandardCharsets.UTF_8));
    crypto.verify(signature, timestamp, nonce, encrypted);
    Instant now = clock.instant();
    ClockSkew.check(now, ClockSkew.epochSeconds(timestamp), bot.maxClockSkew());
    String plain = crypto.decrypt(encrypted);
    // robots' callbacks name no corp: their people are the bot's corp's, when it is configured
    return WeComMessages.normalise(bot.kind(), bot.id(), plain, now)
        .withSenderCorpIfAbsent(bot.corpId());
  }

  /** The {@code Encrypt} of an XML envelope or the {@code encrypt} of a JSON one. */
  private static String envelope(String body) {
    String trimmed = body.strip();
    String encrypted;
    if (trimmed.startsWith("{")) {
      encrypted = CallbackJson.text(CallbackJson.parse(trimmed), "encrypt");
    } else if (trimmed.startsWith("<")) {
      XmlFields xml = SecureXml.parse(trimmed);
      encrypted = xml.text("Encrypt");
    } else {
      throw new CallbackRejected(Reason.MALFORMED, "body is neither XML nor JSON");
    }
    if (encrypted == null || encrypted.isEmpty()) {
      throw new CallbackRejected(Reason.MALFORMED, "encrypted payload missing");
    }
    return encrypted;
  }

  private WeComBot bot(String id) {
    WeComBot bot =
        properties
            .wecomBot(id)
            .orElseThrow(() -> new CallbackRejected(Reason.UNKNOWN_BOT, "unknown WeCom bot"));
    if (!cryptos.containsKey(id)) {
      throw new CallbackRejected(Reason.UNKNOWN_BOT, "WeCom bot has no callback configured");
    }
    return bot;
  }
}
