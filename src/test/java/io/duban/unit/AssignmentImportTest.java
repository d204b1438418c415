package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.duban.DubanSpringTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

@DubanSpringTest
class AssignmentImportTest {

  @Autowired WebTestClient web;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  @AfterEach
  void restoreItemSix() throws Exception {
    upload(sheet(new Object[] {"6", "finance", "hightech", "2024-12-31", ""}), "test-admin-token")
        .expectStatus()
        .isOk();
  }

  @Test
  void appliesAValidSheetWithUnitNamesDatesAndMilestones() throws Exception {
    byte[] xlsx =
        sheet(
            new Object[] {
              "6",
              "科技金融与资源配置科",
              "高新技术发展及产业化科、规划与法规科",
              LocalDate.of(2024, 10, 31),
              "2024-06-30 40% 上半年融资对接\n2024-09-30 80%"
            });

    upload(xlsx, "test-admin-token")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.applied")
        .isEqualTo(1)
        .jsonPath("$.items[0]")
        .isEqualTo("6");

    web.get()
        .uri("/api/v1/plan/items/6")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectBody()
        .jsonPath("$.leadUnit")
        .isEqualTo("finance")
        .jsonPath("$.supportUnits.length()")
        .isEqualTo(2)
        .jsonPath("$.deadline")
        .isEqualTo("2024-10-31")
        .jsonPath("$.milestones[0].percent")
        .isEqualTo(40)
        .jsonPath("$.milestones[0].note")
        .isEqualTo("上半年融资对接")
        .jsonPath("$.milestones[1].date")
        .isEqualTo("2024-09-30");
  }

  @Test
  void refusesTheWholeSheetListingEveryBadRowAndChangesNothing() throws Exception {
    byte[] xlsx =
        sheet(
            new Object[] {"6", "planning", "", "2024-11-30", ""},
            new Object[] {"9.9", "planning", "", "2024-11-30", ""},
            new Object[] {"7", "no-such-unit", "hightech", "2024-12-31", ""},
            new Object[] {"5", "talent", "", "2024-13-45", "明年再说"},
            new Object[] {"6", "planning", "", "", ""});

    upload(xlsx, "test-admin-token")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_SHEET")
        .jsonPath("$.problems.length()")
        .isEqualTo(5)
        .jsonPath("$.problems[0].row")
        .isEqualTo(3)
        .jsonPath("$.problems[0].message")
        .isEqualTo("编号 9.9 不是本年度计划中可报送的事项")
        .jsonPath("$.problems[1].row")
        .isEqualTo(4)
        .jsonPath("$.problems[1].message")
        .isEqualTo("未知的牵头单位“no-such-unit”")
        .jsonPath("$.problems[2].row")
        .isEqualTo(5)
        .jsonPath("$.problems[2].message")
        .isEqualTo("完成时限“2024-13-45”不是有效日期（应为 2024-12-31）")
        .jsonPath("$.problems[3].row")
        .isEqualTo(5)
        .jsonPath("$.problems[3].message")
        .isEqualTo("序时进度“明年再说”应写作“2024-06-30 40% 说明”")
        .jsonPath("$.problems[4].row")
        .isEqualTo(6)
        .jsonPath("$.problems[4].message")
        .isEqualTo("编号 6 重复出现");

    web.get()
        .uri("/api/v1/plan/items/6")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectBody()
        .jsonPath("$.leadUnit")
        .isEqualTo("finance")
        .jsonPath("$.deadline")
        .isEqualTo("2024-12-31");
  }

  @Test
  void refusesAFileThatIsNotAWorkbookAndLeadersMayNotUpload() throws Exception {
    var builder = new MultipartBodyBuilder();
    builder.part(
        "file",
        new ByteArrayResource("not a workbook".getBytes()) {
          @Override
          public String getFilename() {
            return "x.xlsx";
          }
        });
    web.post()
        .uri("/api/v1/assignments.xlsx")
        .header("Authorization", "Bearer test-admin-token")
        .body(BodyInserters.fromMultipartData(builder.build()))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.problems[0].message")
        .isEqualTo("不是有效的 .xlsx 文件");

    upload(sheet(new Object[] {"6", "finance", "", "", ""}), "test-leader-token")
        .expectStatus()
        .isForbidden();
  }

  @Test
  void storesTheResponsibleLeaderAndPersonFromTheSheet() throws Exception {
    byte[] xlsx = sheet(new Object[] {"6", "finance", "hightech", "2024-12-31", "", "张副局长", "梁浩"});

    upload(xlsx, "test-admin-token").expectStatus().isOk();

    web.get()
        .uri("/api/v1/plan/items/6")
        .header("Authorization", "Bearer test-admin-token")
        .exchange()
        .expectBody()
        .jsonPath("$.leader")
        .isEqualTo("张副局长")
        .jsonPath("$.owner")
        .isEqualTo("梁浩");
  }

  @Test
  void refusesHugeSheetsWithBadSheetLeavingNoTemporaryFile() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Instant start = Instant.now();
    for (byte[] xlsx : List.of(LargeSheets.blank(400), LargeSheets.dense(60_000, 20))) {
      upload(xlsx, "test-admin-token")
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.error")
          .isEqualTo("BAD_SHEET")
          .jsonPath("$.problems[0].message")
          .value(m -> assertThat((String) m).containsAnyOf("解压后超过", "表格超过 5000 行"))
          .jsonPath("$.message")
          .value(m -> assertThat((String) m).startsWith("表格有 1 处问题，未做任何修改"));
      // the import itself writes nothing; the framework's own multipart buffer
      // (spring-multipart-*) is removed by WebFlux once the exchange has ended, just after the
      // answer, so it is waited for
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(copies(tmp, xlsx.length, start))
                      .as("a copy of the upload left in " + tmp)
                      .isEmpty());
    }
  }

  /** Files under {@code dir} of {@code size} bytes written since {@code since}. */
  private static List<Path> copies(Path dir, long size, Instant since) throws java.io.IOException {
    List<Path> found = new java.util.ArrayList<>();
    Files.walkFileTree(
        dir,
        java.util.Set.of(),
        3,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
            if (attrs.isRegularFile()
                && attrs.size() == size
                && attrs.lastModifiedTime().toInstant().isAfter(since.minusSeconds(1))) {
              found.add(file);
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  private WebTestClient.ResponseSpec upload(byte[] xlsx, String token) {
    var builder = new MultipartBodyBuilder();
    builder.part(
        "file",
        new ByteArrayResource(xlsx) {
          @Override
          public String getFilename() {
            return "责任分工.xlsx";
          }
        });
    return web.post()
        .uri("/api/v1/assignments.xlsx")
        .header("Authorization", "Bearer " + token)
        .body(BodyInserters.fromMultipartData(builder.build()))
        .exchange();
  }

  /** A sheet with the standard header and the given rows (row 2 onwards). */
  static byte[] sheet(Object[]... rows) throws Exception {
    try (var book = new XSSFWorkbook()) {
      var sheet = book.createSheet("责任分工");
      var header = sheet.createRow(0);
      for (int i = 0; i < AssignmentUpload.HEADERS.size(); i++) {
        header.createCell(i).setCellValue(AssignmentUpload.HEADERS.get(i));
      }
      var dateStyle = book.createCellStyle();
      dateStyle.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
      for (int r = 0; r < rows.length; r++) {
        var row = sheet.createRow(r + 1);
        for (int c = 0; c < rows[r].length; c++) {
          var cell = row.createCell(c);
          if (rows[r][c] instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(dateStyle);
          } else {
            cell.setCellValue(String.valueOf(rows[r][c]));
          }
        }
      }
      var out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    }
  }
}
