package io.duban.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanSpringTest;
import io.duban.chat.ChatType;
import io.duban.chat.FakePlatformServer;
import io.duban.chat.InboundMessage;
import io.duban.chat.InboundMessageService;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.Platform;
import io.duban.chat.wecom.SmartBotFiles;
import io.duban.report.ReplySender;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * Pictures and files from each platform, through the stored inbound message, the platform's media
 * API (a fake platform) and PostgreSQL: attached to the sender's report before or after, refused by
 * type and size, stored once when sent twice, retried after a failed download.
 */
@DubanSpringTest
@Import(EvidenceFlowTest.RepliesConfig.class)
class EvidenceFlowTest {

  static final FakePlatformServer platform = new FakePlatformServer();
  private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
  static final byte[] PDF = "%PDF-1.4\n%âãÏÓ\n1 0 obj".getBytes();
  static final String SMART_AES_KEY = "SmartEvAesKey456789abcdefghijklmnopqrstuvwx";

  @DynamicPropertySource
  static void bots(DynamicPropertyRegistry r) {
    r.add("duban.chat.wecom[0].id", () -> "ev-wecom");
    r.add("duban.chat.wecom[0].kind", () -> "APP");
    r.add("duban.chat.wecom[0].token", () -> "evToken");
    r.add(
        "duban.chat.wecom[0].encoding-aes-key",
        () -> "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
    r.add("duban.chat.wecom[0].receive-id", () -> "wwev");
    r.add("duban.chat.wecom[0].corp-id", () -> "wwev");
    r.add("duban.chat.wecom[0].corp-secret", () -> "ev-corp-secret");
    r.add("duban.chat.wecom[0].agent-id", () -> "1000002");
    r.add("duban.chat.wecom[0].api-base-url", platform::baseUrl);
    r.add("duban.chat.wecom[1].id", () -> "ev-smart");
    r.add("duban.chat.wecom[1].kind", () -> "SMART_BOT");
    r.add("duban.chat.wecom[1].token", () -> "evSmartToken");
    r.add("duban.chat.wecom[1].encoding-aes-key", () -> SMART_AES_KEY);
    r.add("duban.chat.dingtalk[0].id", () -> "ev-ding");
    r.add("duban.chat.dingtalk[0].app-key", () -> "evappkey");
    r.add("duban.chat.dingtalk[0].app-secret", () -> "ev-app-secret");
    r.add("duban.chat.dingtalk[0].api-base-url", platform::baseUrl);
    r.add("duban.chat.feishu[0].id", () -> "ev-feishu");
    r.add("duban.chat.feishu[0].app-id", () -> "cli_ev");
    r.add("duban.chat.feishu[0].app-secret", () -> "ev-feishu-secret");
    r.add("duban.chat.feishu[0].verification-token", () -> "ev-verify");
    r.add("duban.chat.feishu[0].api-base-url", platform::baseUrl);
    r.add("duban.evidence.max-bytes", () -> "2000");
    r.add("duban.evidence.required-for-closing", () -> "9.9,1.3");
    r.add("duban.evidence.poll-interval", () -> "PT1H");
    r.add("duban.chat.inbound.sweep-interval", () -> "0");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Autowired InboundMessageService inbound;
  @Autowired EvidenceIntake intake;
  @Autowired EvidenceDownloads downloads;
  @Autowired Evidence evidence;
  @Autowired DatabaseClient db;
  @Autowired Replies replies;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void aWeComImageAttachesToTheReportJustBefore() {
    String sender = "u" + ids.incrementAndGet();
    report(Platform.WECOM, sender, "1.1", now.minusSeconds(60), null);
    InboundMessage m =
        store(
            Platform.WECOM,
            "ev-wecom",
            sender,
            MessageKind.IMAGE,
            "<xml><ToUserName><![CDATA[wwev]]></ToUserName><MsgType><![CDATA[image]]></MsgType>"
                + "<PicUrl><![CDATA[http://example.invalid/p.png]]></PicUrl>"
                + "<MediaId><![CDATA[WX_MEDIA_1]]></MediaId><MsgId>1</MsgId></xml>",
            now);
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answerBytes("/cgi-bin/media/get", 200, "image/png", PNG);

    intake.handle(m).block();
    downloads.runOnce().block();

    List<EvidenceFile> files = evidence.ofItem("1.1").collectList().block();
    assertThat(files)
        .anySatisfy(
            f -> {
              assertThat(f.contentType()).isEqualTo("image/png");
              assertThat(f.sizeBytes()).isEqualTo(PNG.length);
            });
    assertThat(evidence.hasEvidence("1.1").block()).isTrue();
    assertThat(platform.receivedWith("media_id=WX_MEDIA_1")).isNotEmpty();
    assertThat(replies.to(m)).contains("已收到佐证材料（图片），已附在 1.1 的报告上");
  }

  @Test
  void aWeComSmartBotPictureIsDownloadedFromItsUrlAndDecryptedWithTheBotsKey() {
    String sender = "s" + ids.incrementAndGet();
    report(Platform.WECOM, sender, "1.4", now.minusSeconds(30), null);
    platform.answerBytes(
        "/smart/p1", 200, "application/octet-stream", SmartBotFiles.encrypt(PNG, SMART_AES_KEY));
    InboundMessage m =
        store(
            Platform.WECOM,
            "ev-smart",
            sender,
            MessageKind.IMAGE,
            "{\"msgid\":\"sm1\",\"chattype\":\"group\",\"msgtype\":\"image\","
                + "\"image\":{\"url\":\""
                + platform.baseUrl()
                + "/smart/p1\"}}",
            now);

    intake.handle(m).block();
    downloads.runOnce().block();

    assertThat(status(m)).isEqualTo("STORED");
    assertThat(storedBytes(m)).isEqualTo(PNG);
    assertThat(replies.to(m)).contains("已收到佐证材料（图片），已附在 1.4 的报告上");
  }

  @Test
  void aLongConnectionPictureIsDecryptedWithTheAesKeyGivenWithIt() {
    String sender = "s" + ids.incrementAndGet();
    String aesKey =
        java.util.Base64.getEncoder().encodeToString("ev-long-connection-file-key-0032".getBytes());
    platform.answerBytes(
        "/smart/p2", 200, "application/octet-stream", SmartBotFiles.encrypt(PDF, aesKey));
    InboundMessage m =
        store(
            Platform.WECOM,
            "ev-smart",
            sender,
            MessageKind.FILE,
            "{\"msgid\":\"sm2\",\"chattype\":\"group\",\"msgtype\":\"file\","
                + "\"file\":{\"url\":\""
                + platform.baseUrl()
                + "/smart/p2\",\"aeskey\":\""
                + aesKey
                + "\"}}",
            now);

    intake.handle(m).block();
    downloads.runOnce().block();

    assertThat(status(m)).isEqualTo("STORED");
    assertThat(storedBytes(m)).isEqualTo(PDF);
  }

  @Test
  void aMixedMessagesPictureJoinsTheReportItsTextMade() {
    String sender = "s" + ids.incrementAndGet();
    platform.answerBytes(
        "/smart/p3", 200, "application/octet-stream", SmartBotFiles.encrypt(PNG, SMART_AES_KEY));
    InboundMessage m =
        store(
            Platform.WECOM,
            "ev-smart",
            sender,
            MessageKind.MIXED,
            "{\"msgid\":\"sm3\",\"chattype\":\"group\",\"msgtype\":\"mixed\","
                + "\"mixed\":{\"msg_item\":[{\"msgtype\":\"text\",\"text\":{\"content\":"
                + "\"1.5 已完成\"}},{\"msgtype\":\"image\",\"image\":{\"url\":\""
                + platform.baseUrl()
                + "/smart/p3\"}}]}}",
            now);
    report(Platform.WECOM, sender, "1.5", now, m.id());

    intake.handle(m).block();
    downloads.runOnce().block();

    assertThat(status(m)).isEqualTo("STORED");
    assertThat(evidence.ofItem("1.5").collectList().block()).singleElement();
    // the picture came with the report: no "sent earlier" notice, one receipt
    assertThat(replies.to(m)).containsExactly("已收到佐证材料（图片），已附在 1.5 的报告上");
  }

  @Test
  void aDingTalkFileSentBeforeTheReportIsAttachedWhenTheReportArrives() {
    String sender = "d" + ids.incrementAndGet();
    InboundMessage file =
        store(
            Platform.DINGTALK,
            "ev-ding",
            sender,
            MessageKind.FILE,
            "{\"msgtype\":\"file\",\"content\":{\"downloadCode\":\"DL_1\",\"fileName\":\"会议纪要.pdf\"}}",
            now);
    platform.answer("/v1.0/oauth2/accessToken", 200, "{\"accessToken\":\"tok\",\"expireIn\":7200}");
    platform.answer(
        "/v1.0/robot/messageFiles/download",
        200,
        "{\"downloadUrl\":\"" + platform.baseUrl() + "/dl/file1\"}");
    platform.answerBytes("/dl/file1", 200, "application/octet-stream", PDF);
    intake.handle(file).block();
    downloads.runOnce().block();
    assertThat(replies.to(file).get(0)).contains("已收到佐证材料（文件）").contains("分钟内");

    InboundMessage text =
        store(Platform.DINGTALK, "ev-ding", sender, MessageKind.TEXT, "{}", now.plusSeconds(120));
    report(Platform.DINGTALK, sender, "2.3", now.plusSeconds(120), text.id());
    intake.handle(text).block();

    assertThat(evidence.ofItem("2.3").collectList().block())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.fileName()).isEqualTo("会议纪要.pdf");
              assertThat(f.contentType()).isEqualTo("application/pdf");
            });
    assertThat(replies.to(text)).contains("刚才发送的1份佐证材料已附在 2.3 的报告上");
  }

  @Test
  void aFeishuImageSentTwiceIsStoredOnce() {
    String sender = "f" + ids.incrementAndGet();
    report(Platform.FEISHU, sender, "3.1", now, null);
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, (byte) ids.get()};
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"tenant_access_token\":\"t-1\",\"expire\":7200}");
    for (int i = 0; i < 2; i++) {
      String messageId = "om_" + ids.incrementAndGet();
      InboundMessage m =
          store(
              Platform.FEISHU,
              "ev-feishu",
              sender,
              MessageKind.IMAGE,
              "{\"event\":{\"message\":{\"message_id\":\""
                  + messageId
                  + "\",\"message_type\":\"image\",\"content\":\"{\\\"image_key\\\":\\\"img_v2_1\\\"}\"}}}",
              now.plusSeconds(10 + i));
      platform.answerBytes("/open-apis/im/v1/messages/" + messageId, 200, "image/jpeg", jpeg);
      intake.handle(m).block();
      downloads.runOnce().block();
    }
    assertThat(evidence.ofItem("3.1").collectList().block()).hasSize(2);
    assertThat(
            db.sql("select count(*) as n from evidence_content where sha256 = :sha")
                .bind("sha", EvidenceDownloads.sha256(jpeg))
                .map(row -> row.get("n", Long.class))
                .one()
                .block())
        .isEqualTo(1L);
    assertThat(platform.receivedWith("/resources/img_v2_1?type=image")).hasSize(2);
  }

  @Test
  void aFeishuFileOfAnotherTypeIsRefusedAndOneTooLargeToo() {
    String sender = "f" + ids.incrementAndGet();
    report(Platform.FEISHU, sender, "3.2", now, null);
    platform.answer(
        "/open-apis/auth/v3/tenant_access_token/internal",
        200,
        "{\"code\":0,\"tenant_access_token\":\"t-1\",\"expire\":7200}");
    InboundMessage exe = feishuFile(sender, "setup.exe");
    platform.answerBytes(
        "/open-apis/im/v1/messages/" + exe.platformMessageId(),
        200,
        "application/pdf",
        "MZ\u0090\u0000 not a document".getBytes());
    intake.handle(exe).block();
    downloads.runOnce().block();

    byte[] big = new byte[3000];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    InboundMessage large = feishuFile(sender, "big.pdf");
    platform.answerBytes(
        "/open-apis/im/v1/messages/" + large.platformMessageId(), 200, "application/pdf", big);
    intake.handle(large).block();
    downloads.runOnce().block();

    assertThat(evidence.hasEvidence("3.2").block()).isFalse();
    assertThat(replies.to(exe).get(0)).contains("未保存").contains("只接受图片");
    assertThat(replies.to(large).get(0)).contains("未保存").contains("超过 2 KB");
    assertThat(status(exe)).isEqualTo("REFUSED");
  }

  @Test
  void aFailedDownloadIsTriedAgainAndNothingIsLost() {
    String sender = "w" + ids.incrementAndGet();
    report(Platform.WECOM, sender, "1.3", now, null);
    InboundMessage m =
        store(
            Platform.WECOM,
            "ev-wecom",
            sender,
            MessageKind.FILE,
            "<xml><MsgType>file</MsgType><MediaId>WX_FILE_9</MediaId><FileName>表.pdf</FileName></xml>",
            now);
    platform.answer(
        "/cgi-bin/gettoken", 200, "{\"errcode\":0,\"access_token\":\"tok\",\"expires_in\":7200}");
    platform.answer("/cgi-bin/media/get", 503, "{}");
    intake.handle(m).block();
    downloads.runOnce().block();
    assertThat(status(m)).isEqualTo("PENDING");
    assertThat(evidence.hasEvidence("1.3").block()).isFalse();
    assertThat(forClosing.refusal("1.3").block()).contains("佐证材料");

    db.sql("update evidence set next_attempt_at = now() where inbound_message_id = :id")
        .bind("id", m.id())
        .then()
        .block();
    platform.answerBytes("/cgi-bin/media/get", 200, "application/octet-stream", PDF);
    downloads.runOnce().block();
    assertThat(status(m)).isEqualTo("STORED");
    assertThat(forClosing.refusal("1.3").blockOptional()).isEmpty();
    assertThat(evidence.ofItem("1.3").collectList().block())
        .singleElement()
        .satisfies(f -> assertThat(f.fileName()).isEqualTo("表.pdf"));
  }

  @Autowired EvidenceForClosing forClosing;
  @Autowired org.springframework.test.web.reactive.server.WebTestClient web;

  @Test
  void theDownloadIsAnAttachmentWithTheStoredTypeForSignedInLeadersOnly() {
    aWeComImageAttachesToTheReportJustBefore();
    EvidenceFile file = evidence.ofItem("1.1").blockFirst();
    web.get().uri("/dashboard/evidence/" + file.id()).exchange().expectStatus().is3xxRedirection();
    String session = signIn("test-leader-token");
    web.get()
        .uri("/dashboard/evidence/" + file.id())
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("image/png")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .value("Content-Disposition", v -> assertThat(v).startsWith("attachment"))
        .expectBody(byte[].class)
        .isEqualTo(PNG);
    web.get()
        .uri("/dashboard/evidence/999999999")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String before = login.getResponseCookies().getFirst("SESSION").getValue();
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
            .matcher(login.getResponseBody());
    assertThat(csrf.find()).isTrue();
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", before)
        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            org.springframework.web.reactive.function.BodyInserters.fromFormData("token", token)
                .with("_csrf", csrf.group(1)))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult()
        .getResponseCookies()
        .getFirst("SESSION")
        .getValue();
  }

  @Test
  void closingAConfiguredItemWithoutEvidenceIsRefusedInChinese() {
    assertThat(forClosing.refusal("9.9").block()).contains("申请办结需先提供佐证材料");
    assertThat(forClosing.refusal("8.8").blockOptional()).isEmpty();
  }

  private InboundMessage feishuFile(String sender, String name) {
    String messageId = "om_" + ids.incrementAndGet();
    return store(
        Platform.FEISHU,
        "ev-feishu",
        sender,
        MessageKind.FILE,
        "{\"event\":{\"message\":{\"message_id\":\""
            + messageId
            + "\",\"message_type\":\"file\",\"content\":\"{\\\"file_key\\\":\\\"file_v2_"
            + messageId
            + "\\\",\\\"file_name\\\":\\\""
            + name
            + "\\\"}\"}}}",
        now.plusSeconds(5));
  }

  private byte[] storedBytes(InboundMessage m) {
    return db.sql(
            "select c.content from evidence e join evidence_content c on c.sha256 = e.sha256"
                + " where e.inbound_message_id = :id")
        .bind("id", m.id())
        .map(row -> row.get("content", byte[].class))
        .one()
        .block();
  }

  private String status(InboundMessage m) {
    return db.sql("select status from evidence where inbound_message_id = :id")
        .bind("id", m.id())
        .map(row -> row.get("status", String.class))
        .one()
        .block();
  }

  private InboundMessage store(
      Platform p, String bot, String sender, MessageKind kind, String raw, Instant at) {
    String id =
        p == Platform.FEISHU && raw.contains("om_")
            ? raw.replaceAll(".*\"(om_[0-9]+)\".*", "$1")
            : "ev-" + ids.incrementAndGet();
    InboundMessage stored =
        inbound
            .store(
                new NewInboundMessage(
                    p,
                    bot,
                    id,
                    "chat-" + sender,
                    ChatType.GROUP,
                    sender,
                    null,
                    kind,
                    kind == MessageKind.TEXT ? "2.3 已完成初稿" : "",
                    at,
                    null,
                    null,
                    raw))
            .map(s -> s.message())
            .block(Duration.ofSeconds(10));
    handledInBackground(stored);
    return stored;
  }

  /**
   * The stored message is also handed to the service's own processor, which runs the evidence
   * intake in its transaction: wait for it, so the test's own intake and download rounds see what
   * it committed (a download round that ran before that commit missed the picture).
   */
  private void handledInBackground(InboundMessage m) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                db.sql(
                        "select processed_at is not null as done from inbound_message where id = :id")
                    .bind("id", m.id())
                    .map(row -> Boolean.TRUE.equals(row.get("done", Boolean.class)))
                    .one()
                    .blockOptional()
                    .orElse(false));
  }

  private void report(Platform p, String sender, String item, Instant at, Long inboundId) {
    db.sql(
            "insert into progress_report (plan_year, item_code, platform, sender_id, status, text,"
                + " period, inbound_message_id, created_at, reported_at) values (2024, :item,"
                + " :platform, :sender, 'IN_PROGRESS', '进展', '2024-W23', :inbound, :at, :at)")
        .bind("item", item)
        .bind("platform", p.name())
        .bind("sender", sender)
        .bind("at", at)
        .bind("inbound", inboundId == null ? -1L : inboundId)
        .then()
        .block();
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class RepliesConfig {
    @Bean
    @Primary
    Replies recordingReplies() {
      return new Replies();
    }
  }

  /** Keeps every reply. */
  static class Replies implements ReplySender {
    record Sent(long source, String text) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> reply(InboundMessage source, String text, String dedupeKey) {
      return Mono.fromRunnable(() -> sent.add(new Sent(source.id(), text)));
    }

    List<String> to(InboundMessage m) {
      return sent.stream().filter(s -> s.source() == m.id()).map(Sent::text).toList();
    }
  }
}
