package io.duban.delivery;

import io.duban.chat.AccessTokens;
import io.duban.chat.PlatformHttp;
import io.duban.system.Backoff;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives the platforms' senders what a send may take: one WebClient timed by {@code
 * duban.delivery.send-timeout} and {@code connect-timeout}, and the access-token cache; and the
 * outbox its retry spacing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

  @Bean
  PlatformHttp platformHttp(DeliveryProperties properties, JsonMapper json) {
    HttpClient httpClient =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
            .responseTimeout(properties.sendTimeout());
    WebClient webClient =
        WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
    return new PlatformHttp(webClient, json, properties.sendTimeout());
  }

  @Bean
  AccessTokens accessTokens(DeliveryProperties properties, Clock clock) {
    return new AccessTokens(clock, properties.tokenRefreshMargin());
  }

  @Bean
  Backoff outboxBackoff(DeliveryProperties properties) {
    return new Backoff(
        properties.initialBackoff(), properties.maxBackoff(), RandomGenerator.getDefault());
  }
}
