package io.duban.chat.dingtalk;

import io.duban.chat.CallbackBody;
import io.duban.chat.CallbackCipher;
import io.duban.chat.CallbackJson;
import io.duban.chat.CallbackRejected;
import io.duban.chat.CallbackRejected.Reason;
import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.DingTalkBot;
import io.duban.chat.ClockSkew;
import io.duban.chat.InboundStore;
import io.duban.chat.Platform;
import io.duban.chat.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * DingTalk callbacks ({@code /callbacks/dingtalk/{id}}): robot HTTP-mode messages, signed with the
 * {@code timestamp} and {@code sign} headers; and encrypted event push (query {@code
 * signature}/{@code msg_signature}), answered with an encrypted {@code success}, which is also the
 * answer to the {@code check_url} handshake.
 */
@RestController
@RequestMapping("/callbacks/dingtalk/{id}")
class DingTalkCallbackController {

  private final ChatProperties properties;
  private final Map<String, CallbackCipher> eventCryptos = new HashMap<>();
  private final InboundStore inbound;
  private final ReplayGuard replays;
  private final Clock clock;

  DingTalkCallbackController(
      ChatProperties properties, InboundStore inbound, ReplayGuard replays, Clock clock) {
    this.properties = properties;
    this.inbound = inbound;
    this.replays = replays;
    this.clock = clock;
    for (DingTalkBot bot : properties.dingtalk()) {
      if (bot.token() != null && bot.aesKey() != null) {
        try {
          eventCryptos.put(bot.id(), new CallbackCipher(bot.token(), bot.aesKey(), bot.appKey()));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "DingTalk bot " + bot.id() + " has an invalid event push configuration", e);
        }
      }
    }
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<String> receive(
      @PathVariable String id,
      @RequestParam(name = "signature", required = false) String signature,
      @RequestParam(name = "msg_signature", required = false) String msgSignature,
      @RequestParam(name = "timestamp", required = false) String queryTimestamp,
      @RequestParam(name = "timeStamp", required = false) String queryTimeStamp,
      @RequestParam(required = false) String nonce,
      @RequestHeader(name = "timestamp", required = false) String headerTimestamp,
      @RequestHeader(name = "sign", required = false) String sign,
      ServerHttpRequest request) {
    String pushSignature = signature != null ? signature : msgSignature;
    String pushTimestamp = queryTimestamp != null ? queryTimestamp : queryTimeStamp;
    return Mono.fromCallable(
            () ->
                properties
                    .dingtalkBot(id)
                    .orElseThrow(
                        () -> new CallbackRejected(Reason.UNKNOWN_BOT, "unknown DingTalk bot")))
        .flatMap(
            bot ->
                CallbackBody.read(request)
                    .flatMap(
                        body ->
                            pushSignature != null
                                ? event(bot, body, pushSignature, pushTimestamp, nonce)
                                : robot(bot, body, headerTimestamp, sign)));
  }

  /**
   * A robot message. Its {@code sign} covers the timestamp and the secret only, not the body: one
   * observed pair would sign any body for the whole window, so each pair is accepted once (with the
   * body it first came with, which a platform retry repeats).
   */
  private Mono<String> robot(DingTalkBot bot, byte[] body, String timestamp, String sign) {
    return Mono.fromCallable(
            () -> {
              if (bot.appSecret() == null || bot.appSecret().isEmpty()) {
                throw new CallbackRejected(
                    Reason.BAD_SIGNATURE, "bot has no AppSecret for robot callbacks");
              }
              DingTalkRobotSignature.verify(bot.appSecret(), timestamp, sign);
              Instant sentAt = ClockSkew.epochMillis(timestamp);
              ClockSkew.check(clock.instant(), sentAt, bot.maxClockSkew());
              return sentAt;
            })
        .flatMap(
            sentAt ->
                replays.once(
                    Platform.DINGTALK,
                    bot.id(),
                    timestamp.trim() + "\n" + sign.trim(),
                    body,
                    sentAt,
                    bot.maxClockSkew()))
        .then(
            Mono.fromCallable(
                () ->
                    DingTalkMessages.robot(
                        bot.id(), new String(body, StandardCharsets.UTF_8), clock.instant())))
        .flatMap(inbound::store)
        .thenReturn("{}");
  }

  private Mono<String> event(
      DingTalkBot bot, byte[] body, String signature, String timestamp, String nonce) {
    return Mono.fromCallable(
            () -> {
              CallbackCipher crypto = eventCryptos.get(bot.id());
              if (crypto == null) {
                throw new CallbackRejected(
                    Reason.UNKNOWN_BOT, "DingTalk bot has no event push configured");
              }
              String encrypted = CallbackJson.text(CallbackJson.parse(body), "encrypt");
              if (encrypted == null || encrypted.isEmpty()) {
                throw new CallbackRejected(Reason.MALFORMED, "encrypt missing");
              }
              crypto.verify(signature, timestamp, nonce, encrypted);
              Instant now = clock.instant();
              ClockSkew.check(
                  now, CallbackJson.epoch(timestamp, Instant.EPOCH), bot.maxClockSkew());
              return crypto.decrypt(encrypted);
            })
        .flatMap(
            plain -> {
              String type = CallbackJson.text(CallbackJson.parse(plain), "EventType");
              Mono<?> stored =
                  "check_url".equals(type)
                      ? Mono.empty()
                      : inbound.store(DingTalkMessages.event(bot.id(), plain, clock.instant()));
              return stored.then(Mono.fromCallable(() -> success(eventCryptos.get(bot.id()))));
            });
  }

  /** The encrypted {@code success} every event push must be answered with. */
  private String success(CallbackCipher crypto) {
    String timestamp = Long.toString(clock.millis());
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String encrypted = crypto.encrypt("success");
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("msg_signature", crypto.signature(timestamp, nonce, encrypted));
    answer.put("timeStamp", timestamp);
    answer.put("nonce", nonce);
    answer.put("encrypt", encrypted);
    return CallbackJson.write(answer);
  }
}
