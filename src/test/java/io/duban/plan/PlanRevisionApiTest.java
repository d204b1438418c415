package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Revising a stored year's plan with a corrected document: the dry run lists what changes, the
 * confirmed import updates items in place, so reports, assignments and closings stay with their
 * item through renames and renumbering; removed items are withdrawn, not deleted; refusals change
 * nothing. Year 2012 is this test's own.
 */
@DubanSpringTest
class PlanRevisionApiTest {

  private static final String ORIGINAL =
      """
      某区科技局2012年工作计划
      （一）推进科创平台建设
      一是建设中试基地。二是引进新型研发机构。
      （二）优化科技服务
      一是开展科技特派员下乡。二是举办科技活动周。
      （三）加强科普宣传
      """;

  /** 1.1 reworded; 2 and 3 swap places; 2.1 gone; 2.2 reworded and renumbered 3.1; 3.2 new. */
  private static final String REVISED =
      """
      某区科技局2012年工作计划
      （一）推进科创平台建设
      一是建设中试验证基地。二是引进新型研发机构。
      （二）加强科普宣传
      （三）优化科技服务
      一是举办全区科技活动周。二是推动科技成果转化。
      """;

  @Autowired WebTestClient web;

  @Test
  void revisionFollowsRenamedAndRenumberedItemsAndWithdrawsRemovedOnes() throws Exception {
    post("/api/v1/plans/import?year=2012", ORIGINAL).expectStatus().isCreated();
    Map<String, Long> ids = itemIds();
    assertThat(ids.keySet()).containsExactly("1", "1.1", "1.2", "2", "2.1", "2.2", "3");
    try (Connection c = TestDatabase.connect()) {
      for (String code : new String[] {"1.1", "2.1", "2.2", "3"}) {
        c.createStatement()
            .execute(
                "insert into progress_report (plan_year, item_code, platform, sender_id, status,"
                    + " text, period, created_at) values (2012, '"
                    + code
                    + "', 'GENERIC', 'u1', 'IN_PROGRESS', 'report on "
                    + code
                    + "', '2012-W10', now())");
      }
      c.createStatement()
          .execute(
              "insert into assignment (item_id, lead_unit) values ("
                  + ids.get("2.2")
                  + ", (select min(code) from unit))");
    }
    long before = PlanApiTest.countPlans();

    post("/api/v1/plans/import?year=2012&dryRun=true", REVISED)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.exists")
        .isEqualTo(true)
        .jsonPath("$.warnings[0]")
        .isEqualTo("2012年的计划已存在，确认导入将修订它：新增 1 项，改名 2 项，改编号 3 项，撤销 1 项，未变 2 项")
        .jsonPath("$.revision.added[0].code")
        .isEqualTo("3.2")
        .jsonPath("$.revision.renamed[0].oldTitle")
        .isEqualTo("建设中试基地")
        .jsonPath("$.revision.renamed[0].title")
        .isEqualTo("建设中试验证基地")
        .jsonPath("$.revision.renamed[1].oldCode")
        .isEqualTo("2.2")
        .jsonPath("$.revision.renamed[1].code")
        .isEqualTo("3.1")
        .jsonPath("$.revision.moved.length()")
        .isEqualTo(3)
        .jsonPath("$.revision.removed[0].oldCode")
        .isEqualTo("2.1");
    assertThat(PlanApiTest.countPlans()).as("a dry run stores nothing").isEqualTo(before);
    assertThat(itemIds()).isEqualTo(ids);

    post("/api/v1/plans/import?year=2012", REVISED)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.revision.moved[0].oldCode")
        .isEqualTo("2")
        .jsonPath("$.revision.moved[0].code")
        .isEqualTo("3");

    Map<String, Long> after = itemIds();
    assertThat(after.keySet()).containsExactly("1", "1.1", "1.2", "2", "3", "3.1", "3.2");
    assertThat(after.get("1.1")).isEqualTo(ids.get("1.1"));
    assertThat(after.get("2")).as("old 3 moved to 2").isEqualTo(ids.get("3"));
    assertThat(after.get("3")).as("old 2 moved to 3").isEqualTo(ids.get("2"));
    assertThat(after.get("3.1")).as("old 2.2 renamed and renumbered").isEqualTo(ids.get("2.2"));
    try (Connection c = TestDatabase.connect()) {
      assertThat(reportsByText(c))
          .containsEntry("report on 1.1", "1.1")
          .containsEntry("report on 2.2", "3.1")
          .containsEntry("report on 3", "2")
          .containsEntry("report on 2.1", "0." + ids.get("2.1"));
      ResultSet withdrawn =
          c.createStatement()
              .executeQuery(
                  "select code, withdrawn_code, withdrawn_at is not null as w, title"
                      + " from plan_item where id = "
                      + ids.get("2.1"));
      assertThat(withdrawn.next()).as("the withdrawn item is kept").isTrue();
      assertThat(withdrawn.getString("withdrawn_code")).isEqualTo("2.1");
      assertThat(withdrawn.getBoolean("w")).isTrue();
      assertThat(withdrawn.getString("title")).isEqualTo("开展科技特派员下乡");
      ResultSet assignment =
          c.createStatement()
              .executeQuery(
                  "select i.code from assignment a join plan_item i on i.id = a.item_id"
                      + " where a.item_id = "
                      + ids.get("2.2"));
      assertThat(assignment.next()).isTrue();
      assertThat(assignment.getString(1)).isEqualTo("3.1");
      ResultSet audit =
          c.createStatement()
              .executeQuery(
                  "select actor, detail from admin_audit where action = 'PLAN_REVISED'"
                      + " and subject = 'plan:2012'");
      assertThat(audit.next()).isTrue();
      assertThat(audit.getString("actor")).isNotEqualTo("system");
      assertThat(audit.getString("detail")).contains("撤销 1 项");
    }

    // the same corrected document again: nothing more changes, the withdrawn item stays out
    post("/api/v1/plans/import?year=2012&dryRun=true", REVISED)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.revision.unchanged")
        .isEqualTo(7)
        .jsonPath("$.revision.removed.length()")
        .isEqualTo(0);
  }

  @Test
  void aRefusedRevisionChangesNothing() throws Exception {
    post("/api/v1/plans/import?year=2013", ORIGINAL.replace("2012", "2013"))
        .expectStatus()
        .isCreated();
    long before = PlanApiTest.countPlans();

    post("/api/v1/plans/import?year=2013", "某区科技局2013年工作计划\n（一）推进科创平台建设\n（三）加强科普宣传\n")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .isEqualTo("第3行：这里是“（三）”，应为“（二）”");

    assertThat(PlanApiTest.countPlans()).isEqualTo(before);
    try (Connection c = TestDatabase.connect()) {
      ResultSet rows =
          c.createStatement()
              .executeQuery(
                  "select count(*) from plan_item i join plan p on p.id = i.plan_id"
                      + " where p.year = 2013 and i.withdrawn_at is null");
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(7);
    }
  }

  private WebTestClient.ResponseSpec post(String uri, String document) {
    return web.post()
        .uri(uri)
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue(document)
        .exchange();
  }

  private static Map<String, Long> itemIds() throws SQLException {
    Map<String, Long> ids = new LinkedHashMap<>();
    try (Connection c = TestDatabase.connect();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select i.code, i.id from plan_item i join plan p on p.id = i.plan_id"
                        + " where p.year = 2012 and i.withdrawn_at is null order by i.code")) {
      while (rows.next()) {
        ids.put(rows.getString(1), rows.getLong(2));
      }
    }
    return ids;
  }

  private static Map<String, String> reportsByText(Connection c) throws SQLException {
    Map<String, String> codes = new LinkedHashMap<>();
    try (ResultSet rows =
        c.createStatement()
            .executeQuery("select text, item_code from progress_report where plan_year = 2012")) {
      while (rows.next()) {
        codes.put(rows.getString(1), rows.getString(2));
      }
    }
    return codes;
  }
}
