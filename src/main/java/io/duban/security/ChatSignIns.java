package io.duban.security;

import io.duban.chat.AccessTokens;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat sign-ins configured here, by key, and the states they share. Each platform's calls go
 * through one client timed by {@code duban.security.chat-sign-in.timeout}; app tokens are cached
 * until shortly before they expire.
 */
record ChatSignIns(Map<String, ChatIdentityProvider> providers, ChatSignInStates states) {

  static ChatSignIns of(ChatSignInProperties properties, JsonMapper json, Clock clock) {
    Duration timeout = properties.timeout();
    HttpClient client =
        HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
            .responseTimeout(timeout);
    WebClient web =
        WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    SignInHttp http = new SignInHttp(web, json, timeout);
    AccessTokens tokens = new AccessTokens(clock, Duration.ofMinutes(5));
    Map<String, ChatIdentityProvider> providers = new LinkedHashMap<>();
    if (properties.wecom() != null && properties.wecom().configured()) {
      providers.put("wecom", new WeComSignIn(properties.wecom(), http, tokens));
    }
    if (properties.dingtalk() != null && properties.dingtalk().configured()) {
      providers.put("dingtalk", new DingTalkSignIn(properties.dingtalk(), http, tokens));
    }
    if (properties.feishu() != null && properties.feishu().configured()) {
      providers.put("feishu", new FeishuSignIn(properties.feishu(), http));
    }
    return new ChatSignIns(
        Map.copyOf(providers), new ChatSignInStates(clock, properties.stateTtl()));
  }
}
