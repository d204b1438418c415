package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanApplication;
import io.duban.delivery.OwnDatabase;
import io.duban.report.ProgressFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Two instances of the service share one PostgreSQL database: Quartz runs each fire of a schedule
 * on one of them only, and the digest of a period reaches the leaders' group once.
 */
class ClusteredDigestTest {

  /** Reports from memory (none): the report feature's table is not on main yet. */
  static class NoReports {
    @Bean
    @Primary
    ProgressFacts noReports() {
      return new FakeProgressFacts(Clock.systemUTC());
    }
  }

  /** Keeps other test classes' nested configurations out of these plain application contexts. */
  static final class OtherTestsExcluded extends TypeExcludeFilter {
    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      return reader.getClassMetadata().getClassName().contains("Test$");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof OtherTestsExcluded;
    }

    @Override
    public int hashCode() {
      return OtherTestsExcluded.class.hashCode();
    }
  }

  private static ConfigurableApplicationContext node(OwnDatabase db) {
    return new SpringApplicationBuilder(DubanApplication.class, NoReports.class)
        .profiles("test")
        .initializers(
            c ->
                c.getBeanFactory()
                    .registerSingleton("otherTestsExcluded", new OtherTestsExcluded()))
        .run(
            "--server.port=0",
            "--duban.db.url=" + db.url(),
            "--duban.db.user=" + OwnDatabase.USER,
            "--duban.delivery.dispatcher-enabled=false",
            "--duban.units.file=classpath:no-units-here.yml");
  }

  @Test
  void aDigestFiresOnceAcrossTwoInstances() throws Exception {
    OwnDatabase db = new OwnDatabase();
    ConfigurableApplicationContext first = node(db);
    ConfigurableApplicationContext second = node(db);
    try {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("insert into unit (code, name, kind) values ('cl-leaders', '局领导班子', 'LEADERS')");
        st.execute(
            "insert into group_chat (unit_code, platform, bot_id, chat_id, name) values"
                + " ('cl-leaders', 'GENERIC', 'sim', 'cl-g', '局领导督办群')");
      }
      ScheduleService schedules = first.getBean(ScheduleService.class);
      long id =
          schedules
              .create(
                  new ScheduleDraft.Body(
                      "every-two-seconds",
                      "DIGEST",
                      "0/2 * * * * ?",
                      null,
                      "leaders",
                      true,
                      "FIRE_ANY_DAY"))
              .block(Duration.ofSeconds(30))
              .id();

      await().atMost(Duration.ofSeconds(30)).until(() -> fires(db, id).size() >= 4);
      schedules.setEnabled(id, false).block(Duration.ofSeconds(30));

      List<String[]> fires = fires(db, id);
      assertThat(fires.stream().map(f -> f[0]).distinct().count())
          .as("no planned fire ran twice")
          .isEqualTo(fires.size());
      assertThat(fires.stream().filter(f -> f[1].equals("SENT"))).hasSize(1);
      assertThat(fires.stream().filter(f -> !f[1].equals("SENT")))
          .allSatisfy(f -> assertThat(f[1]).isEqualTo("NOTHING"));
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select count(*) from outbox_message where dedupe_key like 'digest:%:leaders:%'"
                      + " and dedupe_key not like '%:chart'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    } finally {
      first.close();
      second.close();
      db.drop();
    }
  }

  /** Planned time and outcome of each fire of the schedule. */
  private static List<String[]> fires(OwnDatabase db, long scheduleId) throws Exception {
    List<String[]> fires = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select planned_at, outcome from schedule_fire where schedule_id = "
                    + scheduleId)) {
      while (rs.next()) {
        fires.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return fires;
  }
}
