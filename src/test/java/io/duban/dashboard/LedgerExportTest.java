package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.report.ReportFixture;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class LedgerExportTest {

  @Autowired WebTestClient web;
  private ReportFixture reports;

  @BeforeEach
  void seed() {
    web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    reports = new ReportFixture();
    reports.report(
        "1.2",
        "zhang.wei",
        "IN_PROGRESS",
        60,
        "药创院省重点实验室申报材料已报送，进度60%",
        "2024-W23",
        Instant.parse("2024-06-05T02:30:00Z"));
    reports.report(
        "3",
        "he.jing",
        "BLOCKED",
        20,
        "高企培育库入库受阻，等待税务数据",
        "2024-W23",
        Instant.parse("2024-06-06T08:00:00Z"),
        true);
    reports.report(
        "2",
        "wu.ting",
        "IN_PROGRESS",
        10,
        "五月走访企业12家",
        "2024-W19",
        Instant.parse("2024-05-08T01:00:00Z"));
  }

  @AfterEach
  void clean() {
    reports.close();
  }

  @Test
  void ledgerListsEveryLeafItemWithItsLatestReportAndPrintsOnA4Landscape() throws Exception {
    byte[] xlsx =
        web.get()
            .uri("/api/v1/ledger.xlsx?week=2024-W23")
            .header("Authorization", "Bearer test-leader-token")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(LedgerController.XLSX)
            .expectHeader()
            .value(
                "Content-Disposition",
                v -> assertThat(v).contains("attachment").contains("2024-W23.xlsx"))
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();

    try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet items = book.getSheet(LedgerWorkbook.ITEMS_SHEET);
      assertThat(items.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2024年重点工作督办台账");
      assertThat(items.getRow(1).getCell(0).getStringCellValue())
          .isEqualTo("2024年第23周（6月3日—6月9日）　截至2024年6月9日");
      Row header = items.getRow(2);
      for (int i = 0; i < LedgerWorkbook.ITEM_HEADERS.size(); i++) {
        assertThat(header.getCell(i).getStringCellValue())
            .isEqualTo(LedgerWorkbook.ITEM_HEADERS.get(i));
      }
      assertThat(LedgerWorkbook.ITEM_HEADERS).contains("责任领导", "责任人");
      assertThat(items.getLastRowNum())
          .as("11 leaf items and 2 section headings after title, week and header")
          .isEqualTo(15);
      assertThat(items.getRow(3).getCell(0).getStringCellValue()).isEqualTo("一、实施重大创新载体提升行动计划");
      Row r12 = items.getRow(5);
      assertThat(r12.getCell(0).getStringCellValue()).as("序号 within its section").isEqualTo("2");
      assertThat(r12.getCell(1).getStringCellValue()).isEqualTo("1.2");
      assertThat(r12.getCell(2).getStringCellValue()).isEqualTo("加快推动重大科技创新平台建设");
      assertThat(r12.getCell(3).getStringCellValue()).isEqualTo("李副局长");
      assertThat(r12.getCell(4).getStringCellValue()).isEqualTo("重大平台建设科");
      assertThat(r12.getCell(5).getStringCellValue()).isEqualTo("张伟");
      assertThat(r12.getCell(6).getStringCellValue()).isEqualTo("规划与法规科");
      assertThat(r12.getCell(7).getStringCellValue()).isEqualTo("2024年12月31日");
      assertThat(r12.getCell(8).getStringCellValue()).isEqualTo("正常");
      assertThat(r12.getCell(10).getNumericCellValue()).isEqualTo(0.6);
      assertThat(r12.getCell(10).getCellStyle().getDataFormatString()).isEqualTo("0%");
      assertThat(r12.getCell(11).getStringCellValue()).isEqualTo("药创院省重点实验室申报材料已报送，进度60%");
      assertThat(r12.getCell(12).getStringCellValue()).isEqualTo("张伟");
      assertThat(r12.getCell(13).getStringCellValue()).isEqualTo("2024年6月5日 10:30");
      assertThat(r12.getCell(11).getCellStyle().getWrapText()).isTrue();
      assertThat(r12.getHeightInPoints())
          .as("a row as tall as its wrapped text")
          .isGreaterThan(30f);
      Row r2 = row(items, "2");
      assertThat(r2.getCell(0).getStringCellValue())
          .as("a section that is one item")
          .isEqualTo("二");

      Row r3 = row(items, "3");
      assertThat(r3.getCell(8).getStringCellValue()).isEqualTo("预警");
      assertThat(r3.getCell(9).getStringCellValue()).startsWith("报告受阻：高企培育库入库受阻");
      assertThat(
              ((XSSFCellStyle) r3.getCell(8).getCellStyle())
                  .getFillForegroundXSSFColor()
                  .getARGBHex())
          .endsWith("FFCDD2");
      assertThat(r2.getCell(8).getStringCellValue()).isEqualTo("预警");
      assertThat(r2.getCell(9).getStringCellValue()).contains("已连续 4 周未报送");
      Row r8 = row(items, "8");
      assertThat(r8.getCell(8).getStringCellValue()).isEqualTo("预警");
      assertThat(r8.getCell(9).getStringCellValue()).contains("落后序时进度").contains("尚无进展报送");
      assertThat(r8.getCell(11).getStringCellValue()).isEmpty();

      assertThat(items.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
      assertThat(items.getRepeatingRows().getFirstRow()).as("header repeated").isEqualTo(2);
      assertThat(items.getRepeatingRows().getLastRow()).isEqualTo(2);
      assertThat(items.getPrintSetup().getLandscape()).isTrue();
      assertThat(items.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
      assertThat(items.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
      assertThat(items.getColumnWidth(11)).isGreaterThan(items.getColumnWidth(1) * 4);

      Sheet week = book.getSheet(LedgerWorkbook.REPORTS_SHEET);
      assertThat(week.getLastRowNum()).as("two reports in W23").isEqualTo(4);
      Row first = week.getRow(3);
      assertThat(first.getCell(1).getStringCellValue()).isEqualTo("1.2");
      assertThat(first.getCell(3).getStringCellValue()).isEqualTo("重大平台建设科");
      assertThat(first.getCell(5).getStringCellValue()).isEqualTo("推进中");
      assertThat(week.getRow(2).getCell(9).getStringCellValue()).isEqualTo("报送时效");
      assertThat(first.getCell(9).getStringCellValue()).isEqualTo("按时");
      Row second = week.getRow(4);
      assertThat(second.getCell(1).getStringCellValue()).isEqualTo("3");
      assertThat(second.getCell(4).getStringCellValue()).isEqualTo("何静");
      assertThat(second.getCell(5).getStringCellValue()).isEqualTo("受阻");
      assertThat(second.getCell(6).getNumericCellValue()).isEqualTo(0.2);
      assertThat(second.getCell(9).getStringCellValue()).isEqualTo("迟报");
    }
  }

  @Test
  void ledgerRefusesAMalformedWeekAndAnonymousCallers() {
    web.get()
        .uri("/api/v1/ledger.xlsx?week=2024-23")
        .header("Authorization", "Bearer test-leader-token")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("week must look like 2024-W23, not '2024-23'");
    web.get().uri("/api/v1/ledger.xlsx").exchange().expectStatus().isUnauthorized();
  }

  private static Row row(Sheet sheet, String code) {
    for (int i = 3; i <= sheet.getLastRowNum(); i++) {
      if (sheet.getRow(i).getCell(1).getStringCellValue().equals(code)) {
        return sheet.getRow(i);
      }
    }
    throw new AssertionError("no row for " + code);
  }
}
