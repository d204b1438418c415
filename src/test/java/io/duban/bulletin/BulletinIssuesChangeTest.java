package io.duban.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ReportFixture;
import io.duban.report.ReportWeek;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two issues written one after the other from stored reports: the second's 上期 is the first's 本期,
 * and reports of another plan year or of other weeks count in neither.
 */
@DubanSpringTest
class BulletinIssuesChangeTest {

  private static final BulletinPeriod W45 = BulletinPeriod.of(ReportWeek.parse("2024-W45"));
  private static final BulletinPeriod W46 = BulletinPeriod.of(ReportWeek.parse("2024-W46"));

  @Autowired Bulletins bulletins;
  private ReportFixture reports;

  @BeforeEach
  void seed() {
    reports = new ReportFixture();
    // this test's two weeks are the year's first two issues
    ReportFixture.sql("delete from bulletin_issue where year = 2024");
    // week 44: 4.1 reported, before either issue's week
    at("4.1", "guo.ming", "IN_PROGRESS", 60, "2024-W44", "2024-10-30T02:00:00Z");
    // week 45: 1.2 and 3 reported
    at("1.2", "zhang.wei", "IN_PROGRESS", 80, "2024-W45", "2024-11-06T02:00:00Z");
    at("3", "he.jing", "IN_PROGRESS", 70, "2024-W45", "2024-11-07T02:00:00Z");
    // week 46: 1.2 reported done, nothing else
    at("1.2", "zhang.wei", "DONE", 100, "2024-W46", "2024-11-13T02:00:00Z");
    // after both weeks: 4.1 done in week 47
    at("4.1", "guo.ming", "DONE", 100, "2024-W47", "2024-11-20T02:00:00Z");
    // the 2023 plan's item 7 was done; the 2024 plan's item 7 is another task
    reports.report(
        2023,
        "7",
        "lin.zhiqiang",
        "DONE",
        100,
        "2023年度任务已完成",
        "2023-W46",
        Instant.parse("2023-11-15T02:00:00Z"),
        false);
  }

  @AfterEach
  void clean() {
    ReportFixture.sql("delete from bulletin_issue where year = 2024");
    reports.close();
  }

  @Test
  void secondIssueComparesWithTheFirstAndCountsOnlyItsPlanYearAndWeek() throws Exception {
    byte[] first = bulletins.document(W45).block(Duration.ofSeconds(60)).bytes();
    byte[] second = bulletins.document(W46).block(Duration.ofSeconds(60)).bytes();

    assertThat(numberLine(first)).isEqualTo("2024年第1期");
    assertThat(numberLine(second)).isEqualTo("2024年第2期");
    List<List<String>> w45 = counts(first);
    List<List<String>> w46 = counts(second);
    for (int row = 0; row < w46.size(); row++) {
      assertThat(w46.get(row).get(2))
          .as("第2期's 上期 of %s is 第1期's 本期", w46.get(row).get(0))
          .isEqualTo(w45.get(row).get(1));
    }
    // only 1.2, reported done in week 46: not 4.1 (done in week 47) nor 2023's item 7
    assertThat(w46.get(0)).containsExactly("已办结", "1", "0", "+1");
    assertThat(w45.get(0)).containsExactly("已办结", "0", "0", "持平");
    // week 46: 1.2 is done and nothing else reported; week 45: 1.2 and 3 reported; week 44: 4.1
    int unreported45 = Integer.parseInt(w45.get(4).get(1));
    assertThat(w45.get(4))
        .containsExactly(
            "未报送", String.valueOf(unreported45), String.valueOf(unreported45 + 1), "-1");
    assertThat(w46.get(4))
        .containsExactly(
            "未报送", String.valueOf(unreported45 + 1), String.valueOf(unreported45), "+1");
    assertThat(w46.get(5).get(1)).as("事项总数").isEqualTo(w45.get(5).get(1));
  }

  private void at(String item, String user, String status, int percent, String week, String at) {
    reports.report(item, user, status, percent, "进展" + percent + "%", week, Instant.parse(at));
  }

  /** The counts table's rows below its header: label, 本期, 上期, 比上期. */
  private static List<List<String>> counts(byte[] docx) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<XWPFTableRow> rows = doc.getTables().get(0).getRows();
      return rows.subList(1, rows.size()).stream()
          .map(r -> r.getTableCells().stream().map(c -> c.getText()).toList())
          .toList();
    }
  }

  private static String numberLine(byte[] docx) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      return doc.getParagraphs().get(1).getText();
    }
  }
}
