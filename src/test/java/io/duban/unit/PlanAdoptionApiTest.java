package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Importing a 任务分解表 applies its responsibilities: unit names matched exactly or after
 * normalisation, unknown ones refused until mapped to a unit, created or skipped; then the
 * assignments (lead, supports, deadline) are stored with the plan. Year 2011 is this test's own.
 */
@DubanSpringTest
class PlanAdoptionApiTest {

  static final String TABLE =
      String.join(
          "\n",
          "某局2011年重点工作任务分解表",
          "",
          "序号\t工作任务\t牵头单位\t配合单位\t责任领导\t完成时限",
          "一、平台建设\t\t\t\t\t",
          "1\t建成中试验证平台2个。\t重大平台建设科\t局办公室、各镇街\t张副局长\t2011年9月底",
          "2\t新增省级重点实验室1家。\t市重大平台建设科\t规划与法规科\t张副局长\t年底",
          "二、乡村科技",
          "3\t选派科技特派员50名。\t市农业农村局\t某某协会\t李副局长\t上半年",
          "4\t举办科普活动10场。\t某某协会\t\t李副局长\t长期坚持");

  @Autowired WebTestClient web;

  @Test
  void dryRunMatchesUnitNamesAndConfirmCreatesAssignmentsOnceUnknownNamesAreMapped()
      throws Exception {
    post(true, null)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2011)
        .jsonPath("$.units[?(@.name == '重大平台建设科')].how")
        .isEqualTo("EXACT")
        .jsonPath("$.units[?(@.name == '局办公室')].unit")
        .isEqualTo("office")
        .jsonPath("$.units[?(@.name == '市重大平台建设科')].unit")
        .isEqualTo("platforms")
        .jsonPath("$.units[?(@.name == '市重大平台建设科')].how")
        .isEqualTo("NORMALISED")
        .jsonPath("$.units[?(@.name == '市农业农村局')].how")
        .isEqualTo("UNKNOWN")
        .jsonPath("$.unknownNames")
        .value(names -> assertThat(names.toString()).contains("各镇街", "市农业农村局", "某某协会"))
        .jsonPath("$.assignments[0].code")
        .isEqualTo("1.1")
        .jsonPath("$.assignments[0].lead")
        .isEqualTo("platforms")
        .jsonPath("$.assignments[0].supports[0]")
        .isEqualTo("office")
        .jsonPath("$.assignments[0].unknown[0]")
        .isEqualTo("各镇街")
        .jsonPath("$.assignments[0].leader")
        .isEqualTo("张副局长")
        .jsonPath("$.assignments[0].deadline")
        .isEqualTo("2011-09-30");
    assertThat(assignments()).isEmpty();

    long plans = countPlans();
    post(false, null)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("UNKNOWN_UNITS")
        .jsonPath("$.message")
        .value(m -> assertThat((String) m).contains("“各镇街”", "“市农业农村局”", "“某某协会”"));
    assertThat(countPlans()).as("nothing stored").isEqualTo(plans);

    post(false, "{\"市农业农村局\": \"no-such-unit\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.message")
        .value(m -> assertThat((String) m).contains("no-such-unit"));
    assertThat(countPlans()).isEqualTo(plans);

    String mapping = "{\"各镇街\": \"skip\", \"市农业农村局\": \"create\", \"某某协会\": \"finance\"}";
    post(false, mapping)
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2011)
        .jsonPath("$.created[0].name")
        .isEqualTo("市农业农村局")
        .jsonPath("$.created[0].kind")
        .isEqualTo("DEPARTMENT")
        .jsonPath("$.assignments.length()")
        .isEqualTo(4);

    String created;
    try (Connection c = TestDatabase.connect();
        ResultSet r =
            c.createStatement().executeQuery("select code from unit where name = '市农业农村局'")) {
      assertThat(r.next()).isTrue();
      created = r.getString(1);
    }
    assertThat(assignments())
        .containsExactly(
            "1.1 platforms [office] 2011-09-30",
            "1.2 platforms [planning] 2011-12-31",
            "2.3 " + created + " [finance] 2011-06-30",
            "2.4 finance [] null");
    assertThat(leaders())
        .as("the table's 责任领导 stored in the assignment")
        .containsExactly("张副局长", "张副局长", "李副局长", "李副局长");
  }

  /** The assignments' 责任领导 of 2011's items, in document order. */
  static List<String> leaders() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestDatabase.connect();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select a.leader from assignment a join plan_item i on i.id = a.item_id"
                        + " join plan p on p.id = i.plan_id where p.year = 2011 order by i.position")) {
      while (r.next()) {
        rows.add(r.getString(1));
      }
    }
    return rows;
  }

  private WebTestClient.ResponseSpec post(boolean dryRun, String units) {
    return web.post()
        .uri(
            b ->
                b.path("/api/v1/plans/import")
                    .queryParam("year", 2011)
                    .queryParam("dryRun", dryRun)
                    .queryParam("units", "{units}")
                    .build(units == null ? "" : units))
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue(TABLE)
        .exchange();
  }

  static long countPlans() throws Exception {
    try (Connection c = TestDatabase.connect();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select (select count(*) from plan) + (select count(*) from plan_item)"
                        + " + (select count(*) from unit) + (select count(*) from assignment)")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The assignments of 2011's items, as "code lead [supports] deadline". */
  static List<String> assignments() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestDatabase.connect();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select i.code, a.lead_unit, a.deadline, (select coalesce(string_agg(s.unit_code,"
                        + " ',' order by s.unit_code), '') from assignment_support s"
                        + " where s.item_id = a.item_id) as supports from assignment a"
                        + " join plan_item i on i.id = a.item_id join plan p on p.id = i.plan_id"
                        + " where p.year = 2011 order by i.position")) {
      while (r.next()) {
        rows.add(
            r.getString(1) + " " + r.getString(2) + " [" + r.getString(4) + "] " + r.getString(3));
      }
    }
    return rows;
  }
}
