package io.duban.chat.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The generic signed webhook over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class GenericCallbackTest extends ChatCallbackTestSupport {

  static final String SECRET = "generic-secret-3e8f17";

  static String body(String messageId, String text) {
    return "{\"messageId\":\""
        + messageId
        + "\",\"chatId\":\"sim-group-1\",\"senderId\":\"kjj-zhangsan\",\"senderName\":\"张三\","
        + "\"text\":\""
        + text
        + "\",\"sentAt\":\"2024-03-01T02:00:00Z\"}";
  }

  ResponseSpec post(String body, String secret, long timestamp) {
    String ts = Long.toString(timestamp);
    return client
        .post()
        .uri("/callbacks/generic/local")
        .header("X-Duban-Timestamp", ts)
        .header(
            "X-Duban-Signature",
            GenericSignature.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  @Test
  void storesATextWithNulAndOtherControlCharactersWithoutThem() {
    String body =
        "{\"messageId\":\"g-nul-1\",\"chatId\":\"sim\\u0000group\",\"senderId\":\"kjj-\\u0007li\","
            + "\"senderName\":\"李\\u0000四\",\"text\":\"1.1\\u0000 已完成\\u001b[31m\\t进度\\r\\n100%\"}";

    post(body, SECRET, now()).expectStatus().isOk();

    Map<String, Object> row = row(Platform.GENERIC, "local", "g-nul-1");
    assertThat(row)
        .containsEntry("text", "1.1 已完成[31m\t进度\r\n100%")
        .containsEntry("chat_id", "simgroup")
        .containsEntry("sender_id", "kjj-li")
        .containsEntry("sender_name", "李四");
    assertThat((String) row.get("raw_payload")).doesNotContain("\u0000");
  }

  @Test
  void refusesAMessageIdMadeOfControlCharactersAsMalformed() {
    String body = "{\"messageId\":\"\\u0000\\u0001\",\"senderId\":\"kjj-li\",\"text\":\"1.1 已完成\"}";

    post(body, SECRET, now())
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("MALFORMED");
  }

  @Test
  void storesASignedMessageAndAnswersADuplicateWithTheSameRow() {
    String body = body("g-1", "1.1 已完成");

    post(body, SECRET, now())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.duplicate")
        .isEqualTo(false);
    post(body, SECRET, now())
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.duplicate")
        .isEqualTo(true);

    assertThat(rows(Platform.GENERIC, "local", "g-1")).isEqualTo(1);
    assertThat(row(Platform.GENERIC, "local", "g-1"))
        .containsEntry("chat_id", "sim-group-1")
        .containsEntry("sender_name", "张三")
        .containsEntry("text", "1.1 已完成")
        .containsEntry("raw_payload", body);
  }

  @Test
  void judgesACallbackByItsSignatureNotByAnApiToken() {
    // a proxy or a platform may forward an Authorization header of its own: a callback is
    // neither refused for an unknown token nor let in by a valid one
    String body = body("g-bearer", "1.1 已完成");
    String ts = Long.toString(now());

    client
        .post()
        .uri("/callbacks/generic/local")
        .header("Authorization", "Bearer no-such-token")
        .header("X-Duban-Timestamp", ts)
        .header(
            "X-Duban-Signature",
            GenericSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
    client
        .post()
        .uri("/callbacks/generic/local")
        .header("Authorization", "Bearer test-admin-token")
        .header("X-Duban-Timestamp", ts)
        .header("X-Duban-Signature", GenericSignature.sign("wrong-secret", ts, new byte[0]))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body("g-bearer-2", "1.1 已完成"))
        .exchange()
        .expectStatus()
        .isUnauthorized();

    assertThat(rows(Platform.GENERIC, "local", "g-bearer")).isEqualTo(1);
    assertThat(rows(Platform.GENERIC, "local", "g-bearer-2")).isZero();
  }

  @Test
  void logsWhatItStoredWithTheRequestId(CapturedOutput output) {
    String body = body("g-trace", "1.1 已完成");
    String ts = Long.toString(now());

    client
        .post()
        .uri("/callbacks/generic/local")
        .header("X-Request-Id", "trace-g-77")
        .header("X-Duban-Timestamp", ts)
        .header(
            "X-Duban-Signature",
            GenericSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();

    // the line is written on a database thread, after the insert: the id travelled with the request
    assertThat(output.getAll().lines().filter(l -> l.contains("Stored generic text message")))
        .anySatisfy(line -> assertThat(line).contains("[trace-g-77]"));
  }

  @Test
  void storesEightConcurrentIdenticalDeliveriesOnce() {
    String body = body("g-race", "7 进度50%");
    String ts = Long.toString(now());
    Mono<Integer> delivery =
        WebClient.create("http://localhost:" + port)
            .post()
            .uri("/callbacks/generic/local")
            .header("X-Duban-Timestamp", ts)
            .header(
                "X-Duban-Signature",
                GenericSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));

    List<Integer> statuses = concurrently(8, delivery);

    assertThat(statuses).hasSize(8).containsOnly(200);
    assertThat(rows(Platform.GENERIC, "local", "g-race")).isEqualTo(1);
  }

  @Test
  void refusesAWrongSignatureAndStoresNothing() {
    post(body("g-forged", "伪造"), "guess", now())
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_SIGNATURE");

    assertThat(rows(Platform.GENERIC, "local", "g-forged")).isZero();
  }

  @Test
  void refusesAStaleTimestamp() {
    post(body("g-stale", "旧"), SECRET, now() - 301).expectStatus().isUnauthorized();
  }

  @Test
  void refusesAnUnknownBot() {
    client
        .post()
        .uri("/callbacks/generic/nobody")
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void refusesMalformedJsonEvenWhenSigned() {
    post("{\"messageId\":", SECRET, now())
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("MALFORMED");
  }

  @Test
  void refusesAChunkedBodyOver64KiBWhileReadingIt(CapturedOutput output) {
    String chunk = "x".repeat(8 * 1024);
    Integer status =
        WebClient.create("http://localhost:" + port)
            .post()
            .uri("/callbacks/generic/local")
            .header("X-Duban-Timestamp", Long.toString(now()))
            .header("X-Duban-Signature", "00")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Flux.range(0, 12).map(i -> chunk), String.class)
            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
            .onErrorResume(e -> Mono.just(-1))
            .block(Duration.ofSeconds(20));

    assertThat(status).isEqualTo(413);
    assertThat(output.getAll()).doesNotContain("IllegalReferenceCountException");
  }

  @Test
  void countsAcceptedCallbacksPerPlatform() {
    Counter accepted =
        meters
            .find("duban.inbound.accepted")
            .tag("platform", "generic")
            .tag("duplicate", "false")
            .counter();
    double before = accepted == null ? 0 : accepted.count();

    post(body("g-count", "3 已完成"), SECRET, now()).expectStatus().isOk();

    assertThat(
            meters
                .get("duban.inbound.accepted")
                .tag("platform", "generic")
                .tag("duplicate", "false")
                .counter()
                .count())
        .isEqualTo(before + 1);
  }

  @Test
  void refusesABodyOver64KiB() {
    post(body("g-big", "x".repeat(66 * 1024)), SECRET, now()).expectStatus().isEqualTo(413);
  }
}
