package io.duban.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ItemClosing;
import io.duban.report.ItemStanding;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressReader;
import io.duban.report.ProgressReport;
import io.duban.report.ReportService;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo goes through the report feature's services: half a year of 2024 reports is stored once,
 * and the README's week shows a bureau in mid-year (on time and late, missing, blocked, delayed,
 * closed).
 */
@DubanSpringTest
@TestPropertySource(properties = {"duban.demo.enabled=true", "duban.simulator.enabled=true"})
class DemoLoaderTest {

  static final Duration WAIT = Duration.ofMinutes(2);
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Autowired DemoLoader loader;
  @Autowired ReportService reports;
  @Autowired ProgressReader progress;
  @Autowired ItemClosing closing;

  @BeforeEach
  void fresh() {
    DemoData.clear();
  }

  @AfterAll
  static void leaveNothing() {
    DemoData.clear();
  }

  @Test
  void loadsHalfAYearOnceThroughTheReportService() {
    int stored = loader.load().block(WAIT);
    assertThat(stored).isGreaterThan(150);
    // a restart finds the mark and loads nothing again
    assertThat(loader.load().block(WAIT)).isZero();

    List<ProgressReport> june = reports.reportsOfPeriod("2024-W26").collectList().block(WAIT);
    assertThat(june).hasSizeBetween(5, 12);
    assertThat(reports.reportsOfPeriod("2024-W03").collectList().block(WAIT)).isNotEmpty();
    // the spring festival week is quiet
    assertThat(reports.reportsOfPeriod("2024-W07").collectList().block(WAIT)).isEmpty();
    // some weeks' reports come in on Friday afternoon, after the Thursday deadline
    List<ProgressReport> spring = reports.reportsOfItem("2").collectList().block(WAIT);
    assertThat(spring)
        .anyMatch(r -> r.createdAt().atZone(ZONE).getDayOfWeek() == DayOfWeek.FRIDAY)
        .anyMatch(r -> r.createdAt().atZone(ZONE).getDayOfWeek() != DayOfWeek.FRIDAY);
    // deterministic: the same seed gives the same half year
    DemoData.clear();
    assertThat(loader.load().block(WAIT)).isEqualTo(stored);
  }

  @Test
  void theDemoWeekShowsReportsInSeveralStates() {
    loader.load().block(WAIT);
    ReportWeek week = DemoLoader.DEMO_WEEK;
    assertThat(week).hasToString("2024-W26");
    PlanStanding board = progress.standing(week).block(WAIT);
    Map<String, ItemStanding> rows =
        board.rows().stream().collect(Collectors.toMap(r -> r.item().code(), Function.identity()));

    assertThat(rows.get("3").latest().status()).isEqualTo(ReportStatus.BLOCKED);
    assertThat(rows.get("3").latest().reason()).contains("税务部门");
    assertThat(rows.get("3").light()).isEqualTo(Light.RED);
    assertThat(rows.get("7").latest().status()).isEqualTo(ReportStatus.DELAYED);
    assertThat(rows.get("1.3").closed()).isTrue();
    assertThat(rows.get("1.3").light()).isEqualTo(Light.CLOSED);
    assertThat(closing.closings().collectList().block(WAIT))
        .extracting(c -> c.itemCode())
        .containsExactly("1.3");
    assertThat(rows.get("1.1").latest().status()).isEqualTo(ReportStatus.IN_PROGRESS);
    assertThat(rows.get("1.1").percent()).isBetween(40, 50);
    assertThat(board.rows()).extracting(ItemStanding::light).contains(Light.GREEN);
    // every item has got somewhere by mid-year: no supporting unit's note hides the lead's percent
    assertThat(board.rows()).allSatisfy(r -> assertThat(r.percent()).isPositive());

    // units that owe the week's report: the office, and cooperation's second item
    assertThat(reports.missing(week.toString()).collectList().block(WAIT))
        .extracting(ReportService.MissingReport::itemCode)
        .contains("8", "4.2")
        .hasSizeLessThan(6);
  }
}
