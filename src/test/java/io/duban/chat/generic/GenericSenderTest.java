package io.duban.chat.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatProperties;
import io.duban.chat.ChatProperties.GenericBot;
import io.duban.chat.Destination;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.OutboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.PlatformHttp;
import io.duban.chat.SenderTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class GenericSenderTest extends SenderTestSupport {

  GenericSenderTest() {
    super(Instant.ofEpochSecond(1717657200L));
  }

  private GenericSender sender(String outboundUrl) {
    return sender(outboundUrl, http());
  }

  private GenericSender sender(String outboundUrl, PlatformHttp http) {
    return new GenericSender(
        new ChatProperties(
            null, null, null, List.of(new GenericBot("sim", "generic-secret", outboundUrl, null))),
        http,
        clock);
  }

  @Test
  void postsJsonSignedLikeTheInboundWebhook() {
    StepVerifier.create(
            sender(platform.baseUrl() + "/outbound")
                .send(
                    Destination.chat(Platform.GENERIC, "sim", "room-1"),
                    OutboundMessage.text("已收到", List.of())))
        .verifyComplete();

    FakePlatformServer.Recorded r = platform.take();
    assertThat(r.uri()).isEqualTo("/outbound");
    assertThat(r.body())
        .isEqualTo(
            "{\"botId\":\"sim\",\"channel\":\"CHAT\",\"chatId\":\"room-1\",\"format\":\"TEXT\","
                + "\"title\":\"\",\"text\":\"已收到\",\"mentions\":[]}");
    assertThat(r.headers().get("x-duban-timestamp")).isEqualTo("1717657200");
    // hex HmacSHA256("generic-secret", "1717657200\n" + body), computed with Python
    assertThat(r.headers().get("x-duban-signature"))
        .isEqualTo("896c29cb846d388b7f8c9300d06bb7af376251765547e0a8e53198333aa01ea6")
        .as("what the inbound generic webhook would accept")
        .isEqualTo(
            io.duban.chat.generic.GenericSignature.sign(
                "generic-secret",
                "1717657200",
                r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aBotWithoutOutboundUrlKeepsMessagesInTheOutboxOnly() {
    StepVerifier.create(
            sender(null)
                .send(
                    Destination.chat(Platform.GENERIC, "sim", "room-1"),
                    OutboundMessage.text("x", List.of())))
        .verifyComplete();
    assertThat(platform.received()).isEmpty();
  }

  @Test
  void aHangingPlatformTimesOutAsRetryable() {
    platform.hang("/outbound");
    GenericSender impatient =
        sender(platform.baseUrl() + "/outbound", http(Duration.ofMillis(300)));

    failure(
        impatient.send(
            Destination.chat(Platform.GENERIC, "sim", "room-1"),
            OutboundMessage.text("x", List.of())),
        true);
  }

  @Test
  void aRefusedConnectionIsRetryable() {
    platform.close();
    failure(
        sender(platform.baseUrl() + "/outbound")
            .send(
                Destination.chat(Platform.GENERIC, "sim", "room-1"),
                OutboundMessage.text("x", List.of())),
        true);
  }
}
