package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** {@code POST /api/v1/plans/import}: text, Word, Excel and PDF bodies, a dry run, refusals. */
@DubanSpringTest
class PlanImportApiTest {

  private static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  @Autowired WebTestClient web;

  @Test
  void dryRunAnswersTheTreeWithResponsibilitiesAndStoresNothing() throws Exception {
    long before = countPlans();
    byte[] table =
        PlanDocumentWriter.document(PlanCorpusTest.DIR.resolve("12-city-table-tabs.txt"));

    asAdmin("/api/v1/plans/import?dryRun=true", MediaType.TEXT_PLAIN, table)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2025)
        .jsonPath("$.exists")
        .isEqualTo(false)
        .jsonPath("$.leaves.length()")
        .isEqualTo(4)
        .jsonPath("$.tree[0].title")
        .isEqualTo("科技创新")
        .jsonPath("$.tree[0].children[1].code")
        .isEqualTo("1.2")
        .jsonPath("$.tree[0].children[0].responsibility.lead")
        .isEqualTo("市科技局")
        .jsonPath("$.tree[0].children[0].responsibility.supports[1]")
        .isEqualTo("市税务局")
        .jsonPath("$.tree[0].children[0].responsibility.deadline")
        .isEqualTo("2025年12月底")
        .jsonPath("$.unitNames")
        .value(names -> assertThat(names.toString()).contains("市科技局", "市住建局", "各区政府"));
    assertThat(countPlans()).isEqualTo(before);
  }

  @Test
  void dryRunReadsAWordUploadAndWarnsThatTheSeedYearExists() throws Exception {
    byte[] word =
        PlanDocumentWriter.docx(
            List.of(
                "某市科技局2024年工作计划",
                "一、2023年工作情况",
                "全年新增高企120家。",
                "二、2024年工作计划",
                "（一）推进平台建设",
                "（二）优化科技服务"));
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part("file", word).filename("plan-2024.docx").contentType(MediaType.parseMediaType(DOCX));

    web.post()
        .uri("/api/v1/plans/import?dryRun=true")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(form.build()))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.exists")
        .isEqualTo(true)
        .jsonPath("$.warnings[0]")
        .value(w -> assertThat((String) w).startsWith("2024年的计划已存在，确认导入将修订它：新增"))
        .jsonPath("$.revision.removed.length()")
        .value(n -> assertThat((Integer) n).isGreaterThan(5))
        .jsonPath("$.warnings[1]")
        .isEqualTo("第2行：已跳过“一、2023年工作情况”：是总结部分")
        .jsonPath("$.tree[1].title")
        .isEqualTo("优化科技服务");
  }

  @Test
  void importsAPdfForAnotherYearAllOrNothing() throws Exception {
    long before = countPlans();
    byte[] pdf =
        PlanDocumentWriter.document(PlanCorpusTest.DIR.resolve("13-kjj-yaodian-wrapped.pdf.txt"));

    asAdmin("/api/v1/plans/import?year=2019", MediaType.APPLICATION_PDF, pdf)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2019)
        .jsonPath("$.items")
        .isEqualTo(10)
        .jsonPath("$.warnings[0]")
        .value(w -> assertThat((String) w).contains("标题已截断"));
    assertThat(countPlans()).isEqualTo(before + 1 + 10);

    // the same document again revises nothing
    asAdmin("/api/v1/plans/import?year=2019", MediaType.APPLICATION_PDF, pdf)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.revision.unchanged")
        .isEqualTo(10)
        .jsonPath("$.revision.added.length()")
        .isEqualTo(0);
    assertThat(countPlans()).isEqualTo(before + 1 + 10);
  }

  @Test
  void refusesWhatIsNotADocumentNamingTheLine() throws Exception {
    byte[] picture =
        PlanDocumentWriter.document(
            PlanCorpusTest.DIR.resolve("92-refusal-not-a-document.bin.txt"));

    asAdmin("/api/v1/plans/import?dryRun=true", MediaType.APPLICATION_OCTET_STREAM, picture)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("BAD_PLAN_DOCUMENT")
        .jsonPath("$.message")
        .isEqualTo("第1行：无法识别的文件内容：应为文本、Word（.docx）、Excel（.xlsx）或 PDF 文档");

    asAdmin(
            "/api/v1/plans/import?dryRun=true",
            MediaType.TEXT_PLAIN,
            "某区科技局2025年工作计划\n（一）推进平台建设\n（三）加强人才引育".getBytes(StandardCharsets.UTF_8))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("第3行：这里是“（三）”，应为“（二）”");
  }

  @Test
  void refusesADocumentOverTenMegabytes() {
    asAdmin(
            "/api/v1/plans/import?dryRun=true",
            MediaType.APPLICATION_OCTET_STREAM,
            new byte[DocumentText.MAX_BYTES + 1])
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("DOCUMENT_TOO_LARGE");
  }

  @Test
  void leadersMayNotImportOrDryRun() {
    web.post()
        .uri("/api/v1/plans/import?dryRun=true")
        .header("Authorization", "Bearer test-leader-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("某区科技局2025年工作计划\n（一）推进平台建设")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  private WebTestClient.ResponseSpec asAdmin(String uri, MediaType type, Object body) {
    return web.post()
        .uri(uri)
        .header("Authorization", "Bearer test-admin-token")
        .contentType(type)
        .bodyValue(body)
        .exchange();
  }

  private static long countPlans() throws Exception {
    return PlanApiTest.countPlans();
  }
}
