package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.InboundMessage;
import io.duban.chat.Platform;
import io.duban.report.ConversationFixture.MovableClock;
import io.duban.report.ConversationFixture.RecordingReplySender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A plan published to units that is not the current plan (2014, older than the seeded 2024, with
 * the same item codes) tells its lead units of its own items, not of the current plan's items under
 * the same codes. Year 2014 is this test's own.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class PlanOfAnotherYearNoticeTest {

  static final String TABLE =
      String.join(
          "\n",
          "某局2014年重点工作任务分解表",
          "",
          "序号\t工作任务\t牵头单位\t配合单位\t责任领导\t完成时限",
          "一、制度建设\t\t\t\t\t",
          "1\t修订科技计划项目管理办法。\t规划与法规科\t\t张副局长\t2014年9月底",
          "2\t编制科技统计年报。\t规划与法规科\t\t张副局长\t年底",
          "3\t建成共享仪器平台。\t重大平台建设科\t规划与法规科\t李副局长\t2014年6月底");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired ReportConversation conversation;
  @Autowired RecordingReplySender replies;
  @Autowired MovableClock clock;

  @Test
  void aPlanOfAnOlderYearTellsItsLeadUnitsOfItsOwnItems() {
    web.post()
        .uri("/api/v1/plans/import?year=2014&dryRun=false")
        .header("Authorization", "Bearer test-admin-token")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue(TABLE)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.year")
        .isEqualTo(2014)
        .jsonPath("$.assignments.length()")
        .isEqualTo(3);

    // 规划与法规科 leads 2014's 1.1 and 1.2: one list notice per group, naming those items
    var planning = notices("assigned-list:planning:%", "科技计划项目管理办法");
    assertThat(planning).isNotEmpty();
    assertThat(planning)
        .allSatisfy(
            payload ->
                assertThat(payload)
                    .contains("规划与法规科牵头以下2项任务", "1.1 修订科技计划项目管理办法", "1.2 编制科技统计年报")
                    .contains("2014年9月30日")
                    // the current (2024) plan's 1.1 and 1.2, which share the codes
                    .doesNotContain("科创园", "重大科技创新平台"));
    assertThat(targets("assigned-list:planning:%", "科技计划项目管理办法"))
        .as("told in 规划与法规科's own groups")
        .isEqualTo(groups("planning"));

    // 重大平台建设科 leads 2014's 1.3 alone: that item's own notice, with 2014's deadline
    var platforms = notices("assigned:1.3:%", "共享仪器平台");
    assertThat(platforms).isNotEmpty();
    assertThat(platforms)
        .allSatisfy(
            payload ->
                assertThat(payload)
                    .contains("【任务分工】1.3 建成共享仪器平台", "牵头：重大平台建设科", "配合：规划与法规科", "2014年6月30日")
                    .doesNotContain("国家健康科技产业基地"));
    assertThat(targets("assigned:1.3:%", "共享仪器平台"))
        .as("told in 重大平台建设科's own groups")
        .isEqualTo(groups("platforms"));

    // the 签收 those notices ask for is of 2014's items, though 1.3 is also a code of the current
    // plan (where nobody owes one)
    assertThat(say("zhang.wei", "签收 1.3")).startsWith("已签收 2014年计划 1.3 建成共享仪器平台").contains("张伟");
    assertThat(acknowledgedBy(2014, "1.3")).isEqualTo("张伟");
    assertThat(acknowledgedBy(2024, "1.3")).as("the current plan's 1.3 is untouched").isNull();
    assertThat(say("zhang.wei", "签收 1.3")).as("given once").doesNotContain("已签收");
    assertThat(say("zhang.wei", "签收 1.2")).as("2014's 1.2 is 规划与法规科's to 签收").doesNotContain("已签收");
    assertThat(acknowledgedBy(2014, "1.2")).isNull();

    // one 签收 answers the list notice: 规划与法规科's 2014 items
    assertThat(say("lin.zhiqiang", "签收")).contains("2014年1.1", "2014年1.2");
    assertThat(acknowledgedBy(2014, "1.1")).isEqualTo("林志强");
    assertThat(acknowledgedBy(2014, "1.2")).isEqualTo("林志强");
  }

  private String say(String sender, String text) {
    InboundMessage message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, clock.instant());
    int before = replies.sent.size();
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    return replies.sent.size() > before ? replies.sent.get(replies.sent.size() - 1).text() : "";
  }

  /** Who acknowledged {@code year}'s item {@code code}, null when nobody did or none is owed. */
  private String acknowledgedBy(int year, String code) {
    return db.sql(
            "select a.acknowledged_by from item_acknowledgement a join plan_item i on i.id ="
                + " a.item_id join plan p on p.id = i.plan_id where p.year = :y and i.code = :c")
        .bind("y", year)
        .bind("c", code)
        .map(r -> java.util.Optional.ofNullable(r.get("acknowledged_by", String.class)))
        .one()
        .defaultIfEmpty(java.util.Optional.empty())
        .block(Duration.ofSeconds(5))
        .orElse(null);
  }

  /** The payloads queued under {@code keyPattern} that contain {@code marker}, once queued. */
  private List<String> notices(String keyPattern, String marker) {
    return rows(keyPattern, marker).stream().map(r -> (String) r.get("payload")).toList();
  }

  /** The groups told: the group chat id that ends each notice's dedupe key. */
  private List<String> targets(String keyPattern, String marker) {
    return rows(keyPattern, marker).stream()
        .map(r -> ((String) r.get("dedupe_key")).replaceFirst(".*:", ""))
        .sorted()
        .toList();
  }

  private List<Map<String, Object>> rows(String keyPattern, String marker) {
    // the notices are queued after the import's commit, off the request
    return Mono.defer(
            () ->
                db.sql(
                        "select dedupe_key, payload::text as payload from outbox_message"
                            + " where dedupe_key like :k and payload::text like :m order by dedupe_key")
                    .bind("k", keyPattern)
                    .bind("m", "%" + marker + "%")
                    .fetch()
                    .all()
                    .collectList())
        .filter(rows -> !rows.isEmpty())
        .repeatWhenEmpty(r -> r.delayElements(Duration.ofMillis(100)))
        .timeout(Duration.ofSeconds(10), Mono.just(List.of()))
        .block(Duration.ofSeconds(15));
  }

  /** The ids of the unit's groups, sorted as text. */
  private List<String> groups(String unit) {
    return db.sql("select id::text as id from group_chat where unit_code = :u")
        .bind("u", unit)
        .map(r -> r.get("id", String.class))
        .all()
        .sort()
        .collectList()
        .block(Duration.ofSeconds(5));
  }
}
