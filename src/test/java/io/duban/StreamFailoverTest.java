package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.dingtalk.FakeDingTalkStreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances with one DingTalk stream bot: exactly one holds the connection; SIGKILL it, and the
 * other takes the lease over within seconds, connects, and every report pushed before, during and
 * after the kill (the gateway pushes unacknowledged ones again) is stored once, understood and
 * answered through the message's session webhook. A reply the killed owner had claimed is taken
 * over once its dispatcher lease lapses ({@code claim-lease}), with no {@code stuck-after}
 * override.
 */
class StreamFailoverTest {

  private static final String APP_KEY = "failover-key-61c";
  private static final String APP_SECRET = "failover-secret-0e9";
  private static final int BEFORE = 8;
  private static final int DURING = 8;

  @Test
  void killingTheConnectionOwnerLosesNothingAndStoresEachReportOnce() throws Exception {
    try (FakeDingTalkStreamServer gateway = new FakeDingTalkStreamServer(APP_KEY, APP_SECRET)) {
      String database = TestDatabase.createAnother("stream");
      List<String> properties =
          List.of(
              "--duban.callbacks.rate-limit.enabled=false",
              "--duban.units.file=file:" + unitsWithADingTalkContact().toAbsolutePath(),
              "--duban.chat.dingtalk[0].id=ding-stream",
              "--duban.chat.dingtalk[0].mode=stream",
              "--duban.chat.dingtalk[0].app-key=" + APP_KEY,
              "--duban.chat.dingtalk[0].app-secret=" + APP_SECRET,
              "--duban.chat.dingtalk[0].api-base-url=" + gateway.baseUrl(),
              "--duban.chat.dingtalk[0].reply-hosts[0]=" + gateway.baseUrl(),
              "--duban.chat.stream.lease-ttl=3s",
              "--duban.chat.stream.lease-renew=1s",
              "--duban.chat.stream.reconnect-initial=200ms",
              "--duban.chat.stream.reconnect-max=2s");
      try (ServiceProcess a = new ServiceProcess("stream-a", database, properties);
          ServiceProcess b = new ServiceProcess("stream-b", database, properties)) {
        a.start();
        b.start();
        await(gateway::connected, Duration.ofSeconds(30));
        for (int i = 0; i < BEFORE; i++) {
          gateway.push(report(i, gateway.baseUrl()));
        }
        await(() -> gateway.unacknowledged() == 0, Duration.ofSeconds(30));
        String owner = text(database, "select owner from stream_lease");
        int connections = gateway.connections();
        ServiceProcess holder = owner.contains(pid(a)) ? a : b;
        assertThat(owner).contains(pid(holder));

        holder.kill();
        long killed = System.nanoTime();
        for (int i = BEFORE; i < BEFORE + DURING; i++) {
          gateway.push(report(i, gateway.baseUrl()));
        }
        await(() -> gateway.connections() > connections, Duration.ofSeconds(30));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        await(() -> gateway.unacknowledged() == 0, Duration.ofSeconds(30));
        try {
          // a robot takes 20 messages a minute: replies beyond that wait for the next window, and
          // the permits the killed owner took still count in theirs
          await(() -> gateway.replies().size() >= BEFORE + DURING, Duration.ofSeconds(150));
        } catch (AssertionError e) {
          System.out.println("replies " + gateway.replies().size() + "; " + state(database));
          throw e;
        }

        assertThat(text(database, "select owner from stream_lease")).isNotEqualTo(owner);
        assertThat(takeover).as("taken over within seconds").isLessThan(Duration.ofSeconds(15));
        assertThat(count(database, "select count(*) from inbound_message"))
            .isEqualTo(BEFORE + DURING);
        assertThat(
                count(database, "select count(distinct platform_message_id) from inbound_message"))
            .isEqualTo(BEFORE + DURING);
        assertThat(count(database, "select count(*) from progress_report"))
            .isEqualTo(BEFORE + DURING);
        assertThat(gateway.replies()).hasSize(BEFORE + DURING);
        System.out.println("stream takeover after SIGKILL: " + takeover.toMillis() + " ms");
      }
    }
  }

  /** config/units.yml with a DingTalk contact and group for the platforms unit. */
  private static Path unitsWithADingTalkContact() throws Exception {
    String units = Files.readString(Path.of("config", "units.yml"));
    String contact = "      - {name: 平台科联络员（模拟器）, platform: GENERIC, userId: sim-platforms}\n";
    String group =
        "      - {platform: GENERIC, bot: local, chatId: sim-platforms, name: 平台科工作群（模拟器）}\n";
    assertThat(units).contains(contact).contains(group);
    units =
        units
            .replace(
                contact,
                contact + "      - {name: 平台科钉钉联络员, platform: DINGTALK, userId: ding.platforms}\n")
            .replace(
                group,
                group
                    + "      - {platform: DINGTALK, bot: ding-stream, chatId: cidPlatformsStream,"
                    + " name: 平台科钉钉群}\n");
    Path file = Path.of("target", "stream-failover-units.yml");
    Files.writeString(file, units);
    return file;
  }

  private static String report(int i, String gatewayUrl) {
    long now = System.currentTimeMillis();
    return "{\"conversationId\":\"cidPlatformsStream\",\"chatbotCorpId\":\"dingcorp\","
        + "\"msgId\":\"failover-"
        + i
        + "\",\"senderNick\":\"平台科钉钉联络员\",\"senderStaffId\":\"ding.platforms\","
        + "\"sessionWebhookExpiredTime\":"
        + (now + 5_400_000)
        + ",\"createAt\":"
        + now
        + ",\"conversationType\":\"2\",\"senderId\":\"$:LWCP_v1:$sender\","
        + "\"sessionWebhook\":\""
        + gatewayUrl
        + "/robot/sendBySession?session=s"
        + i
        + "\",\"text\":{\"content\":\" 1.2 第"
        + i
        + "批申报材料已报送，进度"
        + (20 + i)
        + "%\"},\"msgtype\":\"text\"}";
  }

  private static String pid(ServiceProcess process) {
    return process.pid() + "@";
  }

  private static void await(java.util.function.BooleanSupplier condition, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting " + limit).isLessThan(deadline);
      Thread.sleep(200); // waiting on other processes' work
    }
  }

  private static String text(String database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String state(String database) throws Exception {
    StringBuilder state = new StringBuilder();
    for (String sql :
        List.of(
            "select string_agg(status || ':' || coalesce(text, ''), ' | ') from inbound_message",
            "select count(*) || ' reports' from progress_report",
            "select string_agg(status || ' ' || channel || ' ' || coalesce(last_error, ''), ' | ')"
                + " from outbox_message")) {
      state.append(text(database, sql)).append('\n');
    }
    return state.toString();
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
