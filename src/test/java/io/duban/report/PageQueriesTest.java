package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.QuietService;
import io.duban.QuietSpringTest;
import io.duban.delivery.OwnDatabase;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queries the leaders' pages read at scale give what reading every report gave: on a generated
 * plan's worth of reports in PostgreSQL (every leaf, 40 units, six weeks, some retracted,
 * unverified, supporting, late), each is compared with the same answer worked out in Java from
 * {@link ProgressFacts#reports()}.
 */
@QuietSpringTest
class PageQueriesTest {

  static final OwnDatabase DB = QuietService.DB;

  private static final List<ReportWeek> WEEKS =
      List.of("2024-W18", "2024-W19", "2024-W20", "2024-W21", "2024-W22", "2024-W23").stream()
          .map(ReportWeek::parse)
          .toList();

  @Autowired ReportServiceFacts facts;

  @BeforeAll
  static void seed(@Autowired QuietService quiet, @Autowired PlanService plans)
      throws SQLException {
    quiet.reset(Instant.parse("2024-06-10T00:00:00Z"));
    List<String> leaves = plans.leaves().map(PlanItem::code).collectList().block();
    assertThat(leaves).as("the seeded plan's leaves").hasSizeGreaterThan(5);
    try (Connection c = DB.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into unit (code, name, kind, position) select 'g' || n, '生成单位' || n,"
              + " 'DEPARTMENT', n from generate_series(1, 40) n");
      // report n: on leaf n % leaves, by unit 1 + n % 40, some hours into 2024-W18 and on; every
      // 7th retracted, every 11th unverified, every 5th supporting, every 3rd late
      String codes =
          "array["
              + leaves.stream().map(code -> "'" + code + "'").collect(Collectors.joining(","))
              + "]";
      String insert =
          "insert into progress_report (plan_year, item_code, unit_code, platform, sender_id,"
              + " status, percent, text, period, late, retracted, verified, responsibility,"
              + " created_at) select 2024, (:codes)[1 + n % cardinality(:codes)], 'g' || (1 + n"
              + " % 40), 'GENERIC', 's' || n, case when n % 13 = 0 then 'BLOCKED' else"
              + " 'IN_PROGRESS' end, n % 100, '第' || n || '条', to_char(t at time zone"
              + " 'Asia/Shanghai', 'IYYY-\"W\"IW'), n % 3 = 0, n % 7 = 0, n % 11 <> 0, case when"
              + " n % 5 = 0 then 'SUPPORT' else 'LEAD' end, t from generate_series(0, 2999) n,"
              + " lateral (select timestamptz '2024-04-29 00:00+08' + n * interval '17 minutes'"
              + " as t) at";
      st.execute(insert.replace(":codes", codes));
      st.execute("analyze progress_report");
    }
  }

  @Test
  void unitWeeksAreTheLeadReportsOfEachUnitAndWeek() {
    List<ReportFact> all = facts.reports().collectList().block();
    List<String> periods = WEEKS.stream().map(ReportWeek::toString).toList();

    Set<UnitWeekReports> fromDatabase = Set.copyOf(facts.unitWeeks(WEEKS).collectList().block());
    Set<UnitWeekReports> fromEveryReport = Set.copyOf(UnitWeekReports.of(all, periods));

    assertThat(fromDatabase).isEqualTo(fromEveryReport);
    // one page's units only (报送情况 asks per page)
    assertThat(Set.copyOf(facts.unitWeeks(WEEKS, List.of("g1", "g7")).collectList().block()))
        .isEqualTo(
            fromEveryReport.stream()
                .filter(u -> Set.of("g1", "g7").contains(u.unitCode()))
                .collect(Collectors.toSet()))
        .isNotEmpty();
    assertThat(fromDatabase).as("the data set covers many units and weeks").hasSizeGreaterThan(100);
    assertThat(fromDatabase)
        .as("some late-only and some on-time weeks")
        .anyMatch(u -> u.onTime().isEmpty())
        .anyMatch(u -> !u.onTime().isEmpty() && u.onTime().size() < u.items().size());
  }

  @Test
  void anItemsReportsAreItsOwnOfEveryReport() {
    List<ReportFact> all = facts.reports().collectList().block();
    String code = all.get(all.size() / 2).itemCode();

    List<ReportFact> ofItem = facts.ofItem(code).collectList().block();

    assertThat(ofItem)
        .isNotEmpty()
        .containsExactlyElementsOf(all.stream().filter(r -> r.itemCode().equals(code)).toList());
  }

  @Test
  void latestPerItemIsEachItemsLastLeadReportBeforeTheInstant() {
    List<ReportFact> all = facts.reports().collectList().block();
    Instant before = WEEKS.get(3).end(java.time.ZoneId.of("Asia/Shanghai"));

    var fromDatabase = facts.latestPerItem(before).collectList().block();
    var fromEveryReport =
        all.stream()
            .filter(ReportFact::leads)
            .filter(r -> r.createdAt().isBefore(before))
            .collect(
                Collectors.groupingBy(
                    ReportFact::itemCode,
                    Collectors.maxBy(
                        Comparator.comparing(ReportFact::createdAt)
                            .thenComparing(ReportFact::id))));

    assertThat(fromDatabase).hasSize(fromEveryReport.size());
    for (ReportFact r : fromDatabase) {
      assertThat(fromEveryReport.get(r.itemCode())).contains(r);
    }
  }
}
