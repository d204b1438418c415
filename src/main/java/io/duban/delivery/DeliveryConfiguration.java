package io.duban.delivery;

import io.duban.chat.ChatProperties;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the platform senders with one timed WebClient and the token caches. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, ChatProperties.class})
class DeliveryConfiguration {

  @Bean
  PlatformSenders platformSenders(
      ChatProperties chat, DeliveryProperties properties, JsonMapper json, Clock clock) {
    HttpClient httpClient =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
            .responseTimeout(properties.sendTimeout());
    WebClient webClient =
        WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
    PlatformHttp http = new PlatformHttp(webClient, json, properties.sendTimeout());
    AccessTokens tokens = new AccessTokens(clock, properties.tokenRefreshMargin());
    return new PlatformSenders(
        List.of(
            new WeComSender(chat, http, tokens, clock),
            new DingTalkSender(chat, http, tokens, clock),
            new FeishuSender(chat, http, tokens, clock),
            new GenericSender(chat, http, clock)));
  }

  @Bean
  Backoff outboxBackoff(DeliveryProperties properties) {
    return new Backoff(
        properties.initialBackoff(), properties.maxBackoff(), RandomGenerator.getDefault());
  }
}
