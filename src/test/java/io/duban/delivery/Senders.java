package io.duban.delivery;

import io.duban.chat.ChatProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** Builds real senders for tests, talking to a fake platform server. */
final class Senders {

  private Senders() {}

  static PlatformHttp http(Duration timeout) {
    return new PlatformHttp(WebClient.builder().build(), JsonMapper.builder().build(), timeout);
  }

  static AccessTokens tokens(Clock clock) {
    return new AccessTokens(clock, Duration.ofMinutes(5));
  }

  static WeComSender wecom(ChatProperties chat, Clock clock) {
    return new WeComSender(chat, http(Duration.ofSeconds(5)), tokens(clock), clock);
  }

  static DingTalkSender dingtalk(ChatProperties chat, Clock clock) {
    return new DingTalkSender(chat, http(Duration.ofSeconds(5)), tokens(clock), clock);
  }

  static FeishuSender feishu(ChatProperties chat, Clock clock) {
    return new FeishuSender(chat, http(Duration.ofSeconds(5)), tokens(clock), clock);
  }

  static GenericSender generic(ChatProperties chat, Clock clock) {
    return new GenericSender(chat, http(Duration.ofSeconds(5)), clock);
  }
}
