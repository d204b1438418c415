package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The standing tables of each item's latest report (V33) never drift from the reports: after a mix
 * of inserts, retractions, revisions (an item's code changed), reviews (a report moved to another
 * unit, made supporting, unverified), deletions and past-dated reports they equal what is
 * recomputed from progress_report, and {@link ProgressFacts#latestPerItem} read from them equals
 * the answer worked out in Java from every report, at week ends and in the middle of weeks.
 */
@QuietSpringTest
class ItemLatestReportTest {

  static final OwnDatabase DB = QuietService.DB;

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final String LATEST =
      "select plan_year, item_code, id, reported_at from (select distinct on (plan_year,"
          + " item_code) plan_year, item_code, id, reported_at from progress_report where not"
          + " retracted and verified and responsibility = 'LEAD' order by plan_year, item_code,"
          + " reported_at desc, id desc) x order by 1, 2";

  private static final String WEEKLY =
      "select plan_year, period, item_code, id, reported_at from (select distinct on (plan_year,"
          + " period, item_code) plan_year, period, item_code, id, reported_at from progress_report"
          + " where not retracted and verified and responsibility = 'LEAD' order by plan_year,"
          + " period, item_code, reported_at desc, id desc) x order by 1, 2, 3";

  @Autowired QuietService quiet;
  @Autowired PlanService plans;
  @Autowired ReportServiceFacts facts;

  @Test
  void standingTablesEqualTheRecomputationAfterEveryKindOfChange() throws SQLException {
    quiet.reset(Instant.parse("2024-06-10T00:00:00Z"));
    List<String> leaves = plans.leaves().map(PlanItem::code).collectList().block();
    assertThat(leaves).hasSizeGreaterThan(5);
    String codes =
        "array["
            + leaves.stream().map(code -> "'" + code + "'").collect(Collectors.joining(","))
            + "]";
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind, position) select 'g' || n, '生成单位' || n,"
              + " 'DEPARTMENT', n from generate_series(1, 20) n");
      // reports in time order over three weeks, every 4th supporting, every 9th unverified
      st.execute(insert(codes, "n * interval '53 minutes'", 0, 1200));
      assertThat(rows(st, "select count(*) from item_latest_report"))
          .isEqualTo(List.of(leaves.size() + "|"));
      assertSame(st);

      // retractions, of latest reports among others
      st.execute(
          "update progress_report set retracted = true where id % 7 = 0 or id in (select"
              + " report_id from item_latest_report where item_code = any("
              + codes
              + ") limit 3)");
      assertSame(st);

      // past-dated reports: sent days ago, landing under the latest ones and in earlier weeks
      st.execute(insert(codes, "n * interval '31 minutes'", 1200, 1500));
      assertSame(st);

      // a revision renames an item; a review moves reports to another unit, makes some
      // supporting, unverifies others, and verifies some that were not
      String renamed = leaves.get(1);
      st.execute(
          "update progress_report set item_code = 'X-"
              + renamed
              + "' where item_code = '"
              + renamed
              + "'");
      st.execute(
          "update progress_report set unit_code = 'g1', responsibility = 'SUPPORT' where id % 13"
              + " = 0");
      st.execute("update progress_report set verified = not verified where id % 17 = 0");
      st.execute("update progress_report set text = text || '（修订）' where id % 5 = 0");
      assertSame(st);

      // deletions, the latest of an item among them
      st.execute(
          "delete from progress_report where id % 19 = 0 or id = (select report_id from"
              + " item_latest_report order by reported_at desc limit 1)");
      assertSame(st);
      st.execute(
          "update progress_report set item_code = '"
              + renamed
              + "' where item_code = 'X-"
              + renamed
              + "'");
      assertSame(st);
    }

    List<ReportFact> all = facts.reports().collectList().block();
    List<Instant> instants = new ArrayList<>();
    for (String w : List.of("2024-W18", "2024-W19", "2024-W20", "2024-W21")) {
      Instant end = ReportWeek.parse(w).end(ZONE);
      instants.add(end);
      instants.add(end.minus(Duration.ofHours(61)));
    }
    instants.add(Instant.parse("2024-06-10T00:00:00Z"));
    for (Instant before : instants) {
      var fromEveryReport =
          all.stream()
              .filter(ReportFact::leads)
              .filter(r -> r.createdAt().isBefore(before))
              .filter(r -> leaves.contains(r.itemCode()))
              .collect(
                  Collectors.groupingBy(
                      ReportFact::itemCode,
                      Collectors.maxBy(
                          Comparator.comparing(ReportFact::createdAt)
                              .thenComparing(ReportFact::id))));
      var fromTables = facts.latestPerItem(before).collectList().block();
      assertThat(fromTables).as("before %s", before).hasSize(fromEveryReport.size());
      for (ReportFact r : fromTables) {
        assertThat(fromEveryReport.get(r.itemCode())).as("before %s", before).contains(r);
      }
    }
  }

  @Test
  void truncatingTheReportsEmptiesTheStandingTables() throws SQLException {
    quiet.reset(Instant.parse("2024-06-10T00:00:00Z"));
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind, position) select 'g' || n, '生成单位' || n,"
              + " 'DEPARTMENT', n from generate_series(1, 20) n");
      st.execute(insert("array['1']", "n * interval '1 hour'", 0, 10));
      assertThat(rows(st, "select count(*) from item_week_report")).isNotEqualTo(List.of("0|"));
      st.execute("truncate progress_report cascade");
      assertThat(
              rows(
                  st,
                  "select (select count(*) from item_latest_report) + (select count(*) from item_week_report)"))
          .isEqualTo(List.of("0|"));
    }
  }

  private static String insert(String codes, String offset, int from, int to) {
    String sql =
        "insert into progress_report (plan_year, item_code, unit_code, platform, sender_id,"
            + " status, percent, text, period, late, verified, responsibility, created_at)"
            + " select 2024, (:codes)[1 + n % cardinality(:codes)], 'g' || (1 + n % 20),"
            + " 'GENERIC', 's' || n, 'IN_PROGRESS', n % 100, '第' || n || '条', to_char(t at time"
            + " zone 'Asia/Shanghai', 'IYYY-\"W\"IW'), false, n % 9 <> 0, case when n % 4 = 0 then"
            + " 'SUPPORT' else 'LEAD' end, t from generate_series(:from, :to - 1) n, lateral"
            + " (select timestamptz '2024-04-29 00:00+08' + :offset as t) at";
    return sql.replace(":codes", codes)
        .replace(":from", "" + from)
        .replace(":to", "" + to)
        .replace(":offset", offset.replace("n * ", "(n - " + from + ") * "));
  }

  private static void assertSame(Statement st) throws SQLException {
    assertThat(
            rows(
                st,
                "select plan_year, item_code, report_id, reported_at from item_latest_report"
                    + " order by 1, 2"))
        .isEqualTo(rows(st, LATEST))
        .isNotEmpty();
    assertThat(
            rows(
                st,
                "select plan_year, period, item_code, report_id, reported_at from"
                    + " item_week_report order by 1, 2, 3"))
        .isEqualTo(rows(st, WEEKLY))
        .hasSizeGreaterThan(10);
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
