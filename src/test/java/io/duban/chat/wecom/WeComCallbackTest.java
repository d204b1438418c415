package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.CallbackCipher;
import io.duban.chat.ChatCallbackTestSupport;
import io.duban.chat.Platform;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** WeCom callbacks over real HTTP, from the signed request to the stored row. */
class WeComCallbackTest extends ChatCallbackTestSupport {

  static final String ROBOT_TOKEN = "robotToken42";
  static final String ROBOT_KEY = "R0b0tAesKey0123456789abcdefghijklmnopqrstuv";
  final CallbackCipher robot = new CallbackCipher(ROBOT_TOKEN, ROBOT_KEY, "");
  final CallbackCipher smart =
      new CallbackCipher("smartToken77", "SmartBotAesKey456789abcdefghijklmnopqrstuvw", "");

  static String envelope(String encrypted) {
    return "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
        + encrypted
        + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
  }

  static String robotXml(String msgId, String content) {
    return "<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=hook-1]]></WebhookUrl>"
        + "<ChatId><![CDATA[wrkSFfCgAAtest]]></ChatId><From><UserId><![CDATA[zhangsan]]></UserId>"
        + "<Name><![CDATA[张三]]></Name></From><MsgType><![CDATA[text]]></MsgType>"
        + "<Text><Content><![CDATA["
        + content
        + "]]></Content></Text><MsgId><![CDATA["
        + msgId
        + "]]></MsgId><ChatType>group</ChatType></xml>";
  }

  /** POSTs {@code plain} to the robot bot the way WeCom does, signed with the current time. */
  WebTestClientResponse postRobot(CallbackCipher crypto, String plain, long timestamp) {
    String encrypted = crypto.encrypt(plain);
    String ts = Long.toString(timestamp);
    String signature = crypto.signature(ts, "nonce1", encrypted);
    var result =
        client
            .post()
            .uri(
                "/callbacks/wecom/wecom-robot?msg_signature={s}&timestamp={t}&nonce=nonce1",
                signature,
                ts)
            .contentType(MediaType.TEXT_XML)
            .bodyValue(envelope(encrypted))
            .exchange()
            .expectBody(String.class)
            .returnResult();
    return new WebTestClientResponse(result.getStatus().value(), result.getResponseBody());
  }

  record WebTestClientResponse(int status, String body) {}

  long now() {
    return clock.instant().getEpochSecond();
  }

  @Test
  void answersTheOfficialUrlVerificationWithTheBarePlaintext() {
    String body =
        client
            .get()
            .uri(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/callbacks/wecom/wecom-app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
                        + "&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(body).isEqualTo("1616140317555161061");
  }

  @Test
  void storesTheOfficialAppMessageSampleOnceAcrossRedelivery() {
    for (int delivery = 0; delivery < 2; delivery++) {
      client
          .post()
          .uri(
              "/callbacks/wecom/wecom-app?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6"
                  + "&timestamp=1409659813&nonce=1372623149")
          .contentType(MediaType.TEXT_XML)
          .bodyValue(envelope(WeComSamples.W_A2_ENCRYPT))
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .isEmpty();
    }

    assertThat(rows(Platform.WECOM, "wecom-app", "4561255354251345929")).isEqualTo(1);
    Map<String, Object> row = row(Platform.WECOM, "wecom-app", "4561255354251345929");
    assertThat(row)
        .containsEntry("sender_id", "mycreate")
        .containsEntry("chat_type", "SINGLE")
        .containsEntry("message_type", "text")
        .containsEntry("text", "hello");
    assertThat((String) row.get("raw_payload")).contains("<MsgId>4561255354251345929</MsgId>");
  }

  @Test
  void storesAGroupRobotMessageAndHandsItOver() {
    WebTestClientResponse response =
        postRobot(robot, robotXml("robot-msg-1", "@督办助手\u20051.2 药创院申报材料已报送，进度60%"), now());

    assertThat(response.status()).isEqualTo(200);
    Map<String, Object> row = row(Platform.WECOM, "wecom-robot", "robot-msg-1");
    assertThat(row)
        .containsEntry("chat_id", "wrkSFfCgAAtest")
        .containsEntry("chat_type", "GROUP")
        .containsEntry("sender_name", "张三")
        .containsEntry("text", "1.2 药创院申报材料已报送，进度60%")
        .containsEntry("reply_url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=hook-1");
    long id = (Long) row.get("id");
    assertThat(awaitHandled(id).text()).isEqualTo("1.2 药创院申报材料已报送，进度60%");
  }

  @Test
  void storesConcurrentDuplicateDeliveriesOnce() {
    String encrypted = robot.encrypt(robotXml("robot-race-1", "@督办助手 2 已完成"));
    String ts = Long.toString(now());
    String signature = robot.signature(ts, "n", encrypted);
    Mono<Integer> delivery =
        WebClient.create("http://localhost:" + port)
            .post()
            .uri(
                "/callbacks/wecom/wecom-robot?msg_signature={s}&timestamp={t}&nonce=n",
                signature,
                ts)
            .contentType(MediaType.TEXT_XML)
            .bodyValue(envelope(encrypted))
            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));

    List<Integer> statuses = concurrently(8, delivery);

    assertThat(statuses).hasSize(8).containsOnly(200);
    assertThat(rows(Platform.WECOM, "wecom-robot", "robot-race-1")).isEqualTo(1);
  }

  @Test
  void storesASmartBotJsonMessage() {
    String plain =
        "{\"msgid\":\"smart-1\",\"aibotid\":\"aib\",\"chatid\":\"wrc-smart\",\"chattype\":\"group\","
            + "\"from\":{\"userid\":\"wangwu\"},\"response_url\":\"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=rc1\","
            + "\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 3 已完成\"}}";
    SmartBotCallback.post(client, "wecom-smart", smart, plain, now(), "n2").expectStatus().isOk();

    assertThat(row(Platform.WECOM, "wecom-smart", "smart-1"))
        .containsEntry("text", "3 已完成")
        .containsEntry(
            "reply_url", "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=rc1");
  }

  @Test
  void storesNonTextMessagesMarkedWithTheirType() {
    String image =
        "<xml><ChatId>wrk-img</ChatId><From><UserId>lisi</UserId></From><MsgType>image</MsgType>"
            + "<Image><ImageUrl>https://example.invalid/a.png</ImageUrl></Image><MsgId>robot-img-1</MsgId>"
            + "<ChatType>group</ChatType></xml>";

    assertThat(postRobot(robot, image, now()).status()).isEqualTo(200);

    assertThat(row(Platform.WECOM, "wecom-robot", "robot-img-1"))
        .containsEntry("message_type", "image")
        .containsEntry("text", "");
  }

  @Test
  void refusesABadSignature() {
    double before = rejected("bad_signature");
    client
        .post()
        .uri(
            "/callbacks/wecom/wecom-app?msg_signature=0000000000000000000000000000000000000000"
                + "&timestamp=1409659813&nonce=1372623149")
        .contentType(MediaType.TEXT_XML)
        .bodyValue(envelope(WeComSamples.W_A2_ENCRYPT))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_SIGNATURE")
        .jsonPath("$.message")
        .isEqualTo("signature does not match");

    assertThat(rejected("bad_signature")).isEqualTo(before + 1);
  }

  @Test
  void refusesAStaleTimestamp() {
    long tenMinutesAgo = now() - 600;

    WebTestClientResponse response =
        postRobot(robot, robotXml("robot-stale-1", "@督办助手 旧消息"), tenMinutesAgo);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).contains("STALE_TIMESTAMP");
    assertThat(rows(Platform.WECOM, "wecom-robot", "robot-stale-1")).isZero();
  }

  @Test
  void refusesAPayloadForAnotherReceiveId() {
    CallbackCipher otherCorp = new CallbackCipher(ROBOT_TOKEN, ROBOT_KEY, "wwothercorp");

    WebTestClientResponse response =
        postRobot(otherCorp, robotXml("robot-corp-1", "@督办助手 hi"), now());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).contains("RECEIVE_ID_MISMATCH");
  }

  @Test
  void refusesAnUnknownBot() {
    client
        .post()
        .uri("/callbacks/wecom/nobody?msg_signature=x&timestamp=1&nonce=n")
        .bodyValue("<xml/>")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("UNKNOWN_BOT");
  }

  @Test
  void refusesMalformedXml() {
    client
        .post()
        .uri("/callbacks/wecom/wecom-robot?msg_signature=x&timestamp=1&nonce=n")
        .contentType(MediaType.TEXT_XML)
        .bodyValue("<xml><Encrypt>abc</xml>")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("MALFORMED");
  }

  @Test
  void refusesXmlWithADoctypeWithoutResolvingIt() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
            + "<xml><Encrypt>&e;</Encrypt></xml>";

    client
        .post()
        .uri("/callbacks/wecom/wecom-robot?msg_signature=x&timestamp=1&nonce=n")
        .contentType(MediaType.TEXT_XML)
        .bodyValue(xxe)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("XML_DOCTYPE");
  }

  @Test
  void refusesAnEncryptedPayloadThatDeclaresADoctype() {
    String inner =
        "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><xml><MsgId>&e;</MsgId></xml>";

    WebTestClientResponse response = postRobot(robot, inner, now());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("XML_DOCTYPE").doesNotContain("hostname");
  }

  @Test
  void refusesCiphertextWithWrongPadding() {
    // 64 bytes that decrypt to a plaintext whose last byte is not a valid PKCS#7 count
    String encrypted = java.util.Base64.getEncoder().encodeToString(new byte[64]);
    String ts = Long.toString(now());

    client
        .post()
        .uri(
            "/callbacks/wecom/wecom-robot?msg_signature={s}&timestamp={t}&nonce=n",
            robot.signature(ts, "n", encrypted),
            ts)
        .contentType(MediaType.TEXT_XML)
        .bodyValue(envelope(encrypted))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_PADDING");
  }

  @Test
  void refusesABodyOver64KiB() {
    String huge = "<xml><Encrypt>" + "A".repeat(70 * 1024) + "</Encrypt></xml>";

    client
        .post()
        .uri("/callbacks/wecom/wecom-robot?msg_signature=x&timestamp=1&nonce=n")
        .contentType(MediaType.TEXT_XML)
        .bodyValue(huge)
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatusCode.valueOf(413))
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("TOO_LARGE");
  }
}
