package io.duban;

import static io.duban.ServiceDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.wecom.FakeWeComStreamServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances with one WeCom smart bot in stream mode: exactly one holds the long connection;
 * SIGKILL it, and the other takes the lease over within seconds and subscribes, and every report,
 * pushed before the kill or while no connection was open (held by the fake for the next
 * subscription), is stored once, understood and answered down the connection of whoever holds it.
 * The WeCom twin of {@link StreamFailoverTest}, kept short: three reports each side of the kill.
 */
class WeComStreamFailoverTest {

  private static final String AIBOT_ID = "aib-failover-2d";
  private static final String AIBOT_SECRET = "aibot-failover-secret-8e";
  private static final int BEFORE = 3;
  private static final int DURING = 3;

  @Test
  void killingTheSmartBotsConnectionOwnerLosesNothingAndStoresEachReportOnce() throws Exception {
    try (FakeWeComStreamServer wecom = new FakeWeComStreamServer(AIBOT_ID, AIBOT_SECRET)) {
      ServiceDatabase db = ServiceDatabase.create("wecomfailover");
      List<String> properties =
          List.of(
              "--duban.callbacks.rate-limit.enabled=false",
              // a reply the killed owner had claimed (SENDING) is claimable again after this;
              // the default 5 minutes would outlast the test's wait
              "--duban.delivery.stuck-after=20s",
              "--duban.units.file=file:" + StreamEndToEndTest.units().toAbsolutePath(),
              "--duban.chat.wecom[0].id=wecom-stream",
              "--duban.chat.wecom[0].kind=smart-bot",
              "--duban.chat.wecom[0].mode=stream",
              "--duban.chat.wecom[0].aibot-id=" + AIBOT_ID,
              "--duban.chat.wecom[0].aibot-secret=" + AIBOT_SECRET,
              "--duban.chat.wecom[0].stream-url=" + wecom.url(),
              "--duban.chat.stream.lease-ttl=3s",
              "--duban.chat.stream.lease-renew=1s",
              "--duban.chat.stream.reconnect-initial=200ms",
              "--duban.chat.stream.reconnect-max=2s");
      try (ServiceProcess a = new ServiceProcess("wecom-stream-a", db.url(), properties);
          ServiceProcess b = new ServiceProcess("wecom-stream-b", db.url(), properties)) {
        a.start();
        b.start();
        await(wecom::connected, Duration.ofSeconds(30));
        List<String> reqIds = new ArrayList<>();
        for (int i = 0; i < BEFORE; i++) {
          reqIds.add(wecom.push(report(i)));
        }
        await(
            () -> db.count("select count(*) from inbound_message") == BEFORE,
            Duration.ofSeconds(30));
        String owner = db.text("select owner from stream_lease");
        ServiceProcess holder = owner.contains(a.pid() + "@") ? a : b;
        assertThat(owner).contains(holder.pid() + "@");
        int connections = wecom.connections();

        holder.kill();
        long killed = System.nanoTime();
        // the socket closes with the process: the fake holds what comes meanwhile
        await(() -> !wecom.connected(), Duration.ofSeconds(10));
        for (int i = BEFORE; i < BEFORE + DURING; i++) {
          reqIds.add(wecom.push(report(i)));
        }
        await(() -> wecom.connections() > connections, Duration.ofSeconds(30));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        try {
          await(
              () -> reqIds.stream().noneMatch(id -> wecom.answersTo(id).isEmpty()),
              Duration.ofSeconds(60));
        } catch (AssertionError e) {
          System.out.println(
              db.text(
                  "select string_agg(status || ' ' || coalesce(last_error, ''), ' | ')"
                      + " from outbox_message"));
          throw e;
        }

        assertThat(db.text("select owner from stream_lease")).isNotEqualTo(owner);
        assertThat(takeover).as("taken over within seconds").isLessThan(Duration.ofSeconds(15));
        assertThat(wecom.held()).isZero();
        assertThat(db.count("select count(*) from inbound_message")).isEqualTo(BEFORE + DURING);
        assertThat(db.count("select count(distinct platform_message_id) from inbound_message"))
            .isEqualTo(BEFORE + DURING);
        assertThat(db.count("select count(*) from progress_report")).isEqualTo(BEFORE + DURING);
        for (String reqId : reqIds) {
          assertThat(wecom.answersTo(reqId))
              .singleElement()
              .satisfies(text -> assertThat(text).startsWith("已记录：1.2 "));
        }
        System.out.println("WeCom stream takeover after SIGKILL: " + takeover.toMillis() + " ms");
      }
    }
  }

  private static String report(int i) {
    return StreamEndToEndTest.wecomMessage(
        "wecom-failover-" + i, "wx.platforms", "1.2 第" + i + "批申报材料已报送，进度" + (20 + i) + "%");
  }
}
