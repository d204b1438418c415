package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.feishu.FakeFeishuStreamServer;
import io.duban.chat.wecom.FakeWeComStreamServer;
import io.duban.chat.wecom.SmartBotFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator-free end-to-end path of the Feishu and WeCom smart-bot long connections, in the
 * real service (a child process on a database of its own, its outbox dispatching): a report pushed
 * twice down each fake platform's connection is stored once, understood as a report of the item and
 * percent it names for the sender's unit, and answered once, Feishu through its message API on the
 * fake, WeCom down the connection as {@code aibot_respond_msg} with the message's {@code req_id}; a
 * WeCom picture after it is downloaded, decrypted with the {@code aeskey} it came with, stored as
 * evidence of that report and acknowledged down the connection. DingTalk's is {@link
 * StreamFailoverTest}.
 */
class StreamEndToEndTest {

  static final String FEISHU_APP_ID = "cli_e2e_stream_7a";
  static final String FEISHU_APP_SECRET = "feishu-e2e-secret-3c9";
  static final String AIBOT_ID = "aib-e2e-stream-41";
  static final String AIBOT_SECRET = "aibot-e2e-secret-d02";
  static final String FEISHU_CHAT = "oc_platforms_stream";
  static final String WECOM_CHAT = "wrcPlatformsStream";
  static final Duration WAIT = Duration.ofSeconds(60);

  static FakeFeishuStreamServer feishu;
  static FakeWeComStreamServer wecom;
  static ServiceDatabase db;
  static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    feishu = new FakeFeishuStreamServer(FEISHU_APP_ID, FEISHU_APP_SECRET);
    wecom = new FakeWeComStreamServer(AIBOT_ID, AIBOT_SECRET);
    db = ServiceDatabase.create("streame2e");
    service =
        new ServiceProcess(
            "stream-e2e",
            db.url(),
            List.of(
                "--duban.callbacks.rate-limit.enabled=false",
                "--duban.units.file=file:" + units().toAbsolutePath(),
                "--duban.chat.feishu[0].id=feishu-stream",
                "--duban.chat.feishu[0].mode=stream",
                "--duban.chat.feishu[0].app-id=" + FEISHU_APP_ID,
                "--duban.chat.feishu[0].app-secret=" + FEISHU_APP_SECRET,
                "--duban.chat.feishu[0].api-base-url=" + feishu.baseUrl(),
                "--duban.chat.wecom[0].id=wecom-stream",
                "--duban.chat.wecom[0].kind=smart-bot",
                "--duban.chat.wecom[0].mode=stream",
                "--duban.chat.wecom[0].aibot-id=" + AIBOT_ID,
                "--duban.chat.wecom[0].aibot-secret=" + AIBOT_SECRET,
                "--duban.chat.wecom[0].stream-url=" + wecom.url(),
                "--duban.chat.stream.reconnect-initial=200ms",
                "--duban.chat.stream.reconnect-max=2s"));
    service.start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    feishu.close();
    wecom.close();
  }

  @Test
  void aFeishuReportPushedTwiceIsStoredOnceUnderstoodAndAnsweredThroughTheMessageApi()
      throws Exception {
    await(feishu::connected);
    String event = feishuEvent("om_e2e_report_1", "fs.platforms", "1.2 第一批申报材料已报送，进度60%");

    feishu.push(event, false);
    feishu.push(event, true);

    await(() -> feishu.unanswered() == 0);
    await(() -> !feishu.textsTo(FEISHU_CHAT).isEmpty());
    assertThat(
            db.count(
                "select count(*) from inbound_message where platform_message_id = 'om_e2e_report_1'"))
        .isOne();
    assertThat(report("om_e2e_report_1"))
        .containsEntry("item_code", "1.2")
        .containsEntry("unit_code", "platforms")
        .containsEntry("percent", "60");
    allowForAStrayAnswer();
    assertThat(feishu.textsTo(FEISHU_CHAT))
        .singleElement()
        .satisfies(text -> assertThat(text).startsWith("已记录：1.2 ").contains("进度60%"));
  }

  @Test
  void aWeComReportPushedTwiceIsStoredOnceUnderstoodAndAnsweredDownTheConnection()
      throws Exception {
    await(wecom::connected);
    String message = wecomMessage("e2e-wecom-report-1", "wx.platforms", "1.2 第二批申报材料已报送，进度70%");

    String reqId = wecom.push(message);
    String again = wecom.push(message);

    await(() -> !wecom.answersTo(reqId).isEmpty());
    assertThat(
            db.count(
                "select count(*) from inbound_message where platform_message_id = 'e2e-wecom-report-1'"))
        .isOne();
    assertThat(report("e2e-wecom-report-1"))
        .containsEntry("item_code", "1.2")
        .containsEntry("unit_code", "platforms")
        .containsEntry("percent", "70");
    assertThat(wecom.answersTo(reqId))
        .singleElement()
        .satisfies(text -> assertThat(text).startsWith("已记录：1.2 ").contains("进度70%"));
    allowForAStrayAnswer();
    assertThat(wecom.answersTo(again)).as("a message stored once is answered once").isEmpty();
  }

  @Test
  void aWeComPictureIsDownloadedDecryptedWithItsAesKeyAndAcknowledgedDownTheConnection()
      throws Exception {
    await(wecom::connected);
    String report =
        wecom.push(wecomMessage("e2e-wecom-report-2", "wx.platforms", "1.2 第三批材料已报送，进度80%"));
    await(() -> !wecom.answersTo(report).isEmpty());
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    String aesKey =
        Base64.getEncoder()
            .encodeToString("e2e-smart-bot-file-aes-key-00032".getBytes(StandardCharsets.UTF_8));
    String url = wecom.file("e2e-p1.png", SmartBotFiles.encrypt(png, aesKey));

    String picture =
        wecom.push(
            "{\"msgid\":\"e2e-wecom-picture-1\",\"aibotid\":\""
                + AIBOT_ID
                + "\",\"chatid\":\""
                + WECOM_CHAT
                + "\",\"chattype\":\"group\",\"from\":{\"userid\":\"wx.platforms\"},"
                + "\"msgtype\":\"image\",\"image\":{\"url\":\""
                + url
                + "\",\"aeskey\":\""
                + aesKey
                + "\"}}");

    await(() -> !wecom.answersTo(picture).isEmpty());
    assertThat(wecom.answersTo(picture)).singleElement().isEqualTo("已收到佐证材料（图片），已附在 1.2 的报告上");
    String evidence =
        " from evidence e join inbound_message m on m.id = e.inbound_message_id"
            + " where m.platform_message_id = 'e2e-wecom-picture-1'";
    assertThat(db.text("select e.status" + evidence)).isEqualTo("STORED");
    assertThat(db.text("select e.sha256" + evidence))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
  }

  static String feishuEvent(String messageId, String userId, String text) {
    return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"ev_"
        + messageId
        + "\",\"event_type\":\"im.message.receive_v1\",\"create_time\":\""
        + System.currentTimeMillis()
        + "\",\"token\":\"vtoken\",\"app_id\":\""
        + FEISHU_APP_ID
        + "\",\"tenant_key\":\"t-e2e\"},\"event\":{\"sender\":{\"sender_id\":{\"union_id\":\"on_e2e\","
        + "\"user_id\":\""
        + userId
        + "\",\"open_id\":\"ou_e2e\"},\"sender_type\":\"user\",\"tenant_key\":\"t-e2e\"},"
        + "\"message\":{\"message_id\":\""
        + messageId
        + "\",\"create_time\":\""
        + System.currentTimeMillis()
        + "\",\"chat_id\":\""
        + FEISHU_CHAT
        + "\",\"chat_type\":\"group\",\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"@_user_1 "
        + text
        + "\\\"}\",\"mentions\":[{\"key\":\"@_user_1\",\"id\":{\"open_id\":\"ou_bot\"},"
        + "\"name\":\"督办助手\",\"tenant_key\":\"t-e2e\"}]}}}";
  }

  static String wecomMessage(String msgId, String userId, String text) {
    return "{\"msgid\":\""
        + msgId
        + "\",\"aibotid\":\""
        + AIBOT_ID
        + "\",\"chatid\":\""
        + WECOM_CHAT
        + "\",\"chattype\":\"group\",\"from\":{\"userid\":\""
        + userId
        + "\"},\"create_time\":"
        + System.currentTimeMillis() / 1000
        + ",\"msgtype\":\"text\",\"text\":{\"content\":\"@督办助手 "
        + text
        + "\"}}";
  }

  /** config/units.yml with a Feishu and a WeCom contact and group for the platforms unit. */
  static Path units() throws Exception {
    String units = Files.readString(Path.of("config", "units.yml"));
    String contact = "      - {name: 平台科联络员（模拟器）, platform: GENERIC, userId: sim-platforms}\n";
    String group =
        "      - {platform: GENERIC, bot: local, chatId: sim-platforms, name: 平台科工作群（模拟器）}\n";
    assertThat(units).contains(contact).contains(group);
    units =
        units
            .replace(
                contact,
                contact
                    + "      - {name: 平台科飞书联络员, platform: FEISHU, userId: fs.platforms}\n"
                    + "      - {name: 平台科企业微信联络员, platform: WECOM, userId: wx.platforms}\n")
            .replace(
                group,
                group
                    + "      - {platform: FEISHU, bot: feishu-stream, chatId: "
                    + FEISHU_CHAT
                    + ", name: 平台科飞书群}\n"
                    + "      - {platform: WECOM, bot: wecom-stream, chatId: "
                    + WECOM_CHAT
                    + ", name: 平台科智能机器人群}\n");
    Path file = Path.of("target", "stream-e2e-units.yml");
    Files.writeString(file, units);
    return file;
  }

  /** The progress report the stored message made: item, unit and percent. */
  static Map<String, String> report(String platformMessageId) throws Exception {
    String where =
        " from progress_report r join inbound_message m on m.id = r.inbound_message_id"
            + " where m.platform_message_id = '"
            + platformMessageId
            + "'";
    ServiceDatabase.await(() -> db.count("select count(*)" + where) == 1, WAIT);
    Map<String, String> row = new LinkedHashMap<>();
    for (String column : List.of("item_code", "unit_code", "percent")) {
      row.put(column, db.text("select r." + column + where));
    }
    return row;
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    ServiceDatabase.await(condition, WAIT);
  }

  /** Time for an answer that should not come (a second one) to arrive, from another process. */
  static void allowForAStrayAnswer() throws InterruptedException {
    Thread.sleep(1000);
  }
}
