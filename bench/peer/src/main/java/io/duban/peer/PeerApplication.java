package io.duban.peer;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** A conventional WeCom group-robot bot: Spring MVC on Tomcat, JdbcTemplate, all in the request. */
@SpringBootApplication
public class PeerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PeerApplication.class, args);
  }

  @Bean
  CallbackCrypto callbackCrypto(
      @Value("${peer.token}") String token, @Value("${peer.aes-key}") String aesKey) {
    return new CallbackCrypto(token, aesKey);
  }

  @Bean
  RestClient webhookClient() {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(Duration.ofSeconds(5));
    return RestClient.builder().requestFactory(factory).build();
  }
}
