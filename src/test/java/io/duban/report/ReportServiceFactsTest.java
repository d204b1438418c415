package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The facts every view reads are the reports the report feature keeps: retracted and later ones
 * left out.
 */
@QuietSpringTest
class ReportServiceFactsTest {

  static final OwnDatabase DB = QuietService.DB;

  @BeforeAll
  static void fresh(@Autowired QuietService quiet) throws SQLException {
    quiet.reset(Instant.parse("2024-06-06T00:00:00Z"));
  }

  /** The adapter itself: the quiet context's primary {@link ProgressFacts} is held in memory. */
  @Autowired ReportServiceFacts facts;

  @Test
  void latestPerItemSkipsRetractedAndLaterReportsAndPeriodListsItsOwn() throws Exception {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      String insert =
          "insert into progress_report (plan_year, item_code, platform, sender_id, status, percent,"
              + " text, period, retracted, created_at, verified) values (2024, '%s', 'GENERIC',"
              + " 'u1', '%s', %s, '%s', '%s', %s, timestamptz '%s', true)";
      st.execute(
          String.format(
              insert,
              "1.2",
              "IN_PROGRESS",
              "30",
              "材料准备中",
              "2024-W22",
              "false",
              "2024-05-29T03:00:00Z"));
      st.execute(
          String.format(
              insert,
              "1.2",
              "IN_PROGRESS",
              "50",
              "已报送",
              "2024-W23",
              "false",
              "2024-06-04T03:00:00Z"));
      st.execute(
          String.format(
              insert, "1.2", "DONE", "100", "误报", "2024-W23", "true", "2024-06-05T03:00:00Z"));
      st.execute(
          String.format(
              insert,
              "2",
              "BLOCKED",
              "null",
              "用地指标未落实",
              "2024-W23",
              "false",
              "2024-06-07T08:00:00Z"));
    }

    // an unregistered sender's report waits for review: it is not a fact any view reads
    st(
        "insert into progress_report (plan_year, item_code, platform, sender_id, status, percent,"
            + " text, period, created_at) values (2024, '1.2', 'GENERIC', 'stranger', 'DONE', 100,"
            + " '听说已完成', '2024-W23', timestamptz '2024-06-05T05:00:00Z')");

    List<ReportFact> latest =
        facts.latestPerItem(Instant.parse("2024-06-06T00:00:00Z")).collectList().block();
    assertThat(latest)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.itemCode()).isEqualTo("1.2");
              assertThat(r.percent()).isEqualTo(50);
              assertThat(r.period()).isEqualTo("2024-W23");
            });

    assertThat(
            facts
                .inWeek(ReportWeek.parse("2024-W23"))
                .map(ReportFact::summary)
                .collectList()
                .block())
        .containsExactly("已报送", "用地指标未落实");
    assertThat(facts.latestPerItem(Instant.parse("2024-06-10T00:00:00Z")).collectList().block())
        .extracting(ReportFact::itemCode, ReportFact::status, ReportFact::percent)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("1.2", ReportStatus.IN_PROGRESS, 50),
            org.assertj.core.groups.Tuple.tuple("2", ReportStatus.BLOCKED, null));
  }

  private static void st(String sql) throws SQLException {
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
