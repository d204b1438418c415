package io.duban;

import io.duban.chat.FakePlatformServer;
import io.duban.delivery.OwnDatabase;
import io.duban.schedule.FakeProgressFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What every {@link QuietSpringTest} class shares: its database, its clock, the reports held in
 * memory, the fake chat platform the WeCom robots and one Feishu bot call, and the reset each class
 * begins with (a bean, so that a class asks for it once the context and its tables are up).
 */
public final class QuietService {

  /** The database of the quiet context alone: a simulated week counts every outbox row. */
  public static final OwnDatabase DB = new OwnDatabase();

  public static final MovableClock CLOCK = new MovableClock(Instant.parse("2024-06-03T00:00:00Z"));

  /** Progress reports from memory; a class that reads the real ones asks for the adapter's type. */
  public static final FakeProgressFacts REPORTS = new FakeProgressFacts(CLOCK);

  /** Answers the bots {@code w1}…{@code w11} (WeCom robots) and {@code f1} (Feishu hook). */
  public static final FakePlatformServer PLATFORM = new FakePlatformServer();

  /** Every table a test writes, except the plan (seeded at start) and the schedules. */
  private static final String STATE_TABLES =
      "unit, contact, group_chat, assignment, assignment_support, milestone, inbound_message,"
          + " progress_report, report_handled_message, report_clarification, outbox_message,"
          + " delivery_bucket, schedule_fire, admin_audit, item_closing, item_closing_audit,"
          + " digest_chart";

  private final ApplicationContext context;

  private QuietService(ApplicationContext context) {
    this.context = context;
  }

  /**
   * Empties every table a test writes (the plan and the schedules stay), forgets the reports in
   * memory and sets the clock to {@code now}.
   */
  public void reset(Instant now) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute("truncate " + STATE_TABLES + " cascade");
    }
    REPORTS.clear();
    io.duban.delivery.Dispatching.forgetRateCounts(context);
    io.duban.unit.Directories.forget(context);
    CLOCK.set(now);
  }

  public static Connection connect() throws SQLException {
    return DB.connect();
  }

  /** Points the application at {@link #DB} and names its bots. */
  public static final class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      List<String> properties = new ArrayList<>();
      properties.add("duban.db.url=" + DB.url());
      properties.add("duban.db.user=" + OwnDatabase.USER);
      // the schedule and delivery tests here count what a digest fire queues; the 通报 that follows
      // the leaders' digest (BulletinApiTest covers its messages) would add a file per group
      properties.add("duban.bulletin.send-with-digest=false");
      for (int i = 1; i <= 10; i++) {
        String p = "duban.chat.wecom[" + (i - 1) + "].";
        properties.add(p + "id=w" + i);
        properties.add(p + "kind=GROUP_ROBOT");
        properties.add(p + "webhook-key=k" + i);
        properties.add(p + "api-base-url=" + PLATFORM.baseUrl());
      }
      // the fake platform answers the reply URLs of w7 and w9's messages; w8's may not be used
      properties.add("duban.chat.wecom[6].reply-hosts=" + PLATFORM.baseUrl());
      properties.add("duban.chat.wecom[8].reply-hosts=" + PLATFORM.baseUrl());
      properties.add("duban.chat.wecom[10].id=w11");
      properties.add("duban.chat.wecom[10].kind=GROUP_ROBOT");
      properties.add("duban.chat.wecom[10].webhook-key=k11");
      properties.add("duban.chat.wecom[10].api-base-url=" + PLATFORM.baseUrl());
      // a stream smart bot whose long connection is never open here (nothing listens on port 9):
      // what another instance holds
      properties.add("duban.chat.wecom[11].id=w12");
      properties.add("duban.chat.wecom[11].kind=SMART_BOT");
      properties.add("duban.chat.wecom[11].mode=STREAM");
      properties.add("duban.chat.wecom[11].aibot-id=aib-quiet");
      properties.add("duban.chat.wecom[11].aibot-secret=aib-quiet-secret");
      properties.add("duban.chat.wecom[11].stream-url=ws://127.0.0.1:9/");
      // One source for each list: Boot binds an indexed list from a single property source.
      properties.add("duban.chat.feishu[0].id=f1");
      properties.add("duban.chat.feishu[0].webhook-token=hook-f1");
      properties.add("duban.chat.feishu[0].api-base-url=" + PLATFORM.baseUrl());
      properties.add("duban.chat.feishu[1].id=fs-app");
      properties.add("duban.chat.feishu[1].app-id=cli_app");
      properties.add("duban.chat.feishu[1].app-secret=fs-app-secret");
      properties.add("duban.chat.feishu[2].id=fs-hook");
      properties.add("duban.chat.feishu[2].webhook-token=fs-hook-token");
      properties.add("duban.chat.dingtalk[0].id=ding");
      properties.add("duban.chat.dingtalk[0].webhook-access-token=ding-hook");
      TestPropertyValues.of(properties).applyTo(context.getEnvironment());
    }
  }

  /** The movable clock and the reports from memory in place of the real ones, and the reset. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Fakes {
    @Bean
    QuietService quietService(ApplicationContext context) {
      return new QuietService(context);
    }

    @Bean
    @Primary
    Clock movableClock() {
      return CLOCK;
    }

    @Bean
    @Primary
    FakeProgressFacts fakeReports() {
      return REPORTS;
    }
  }
}
