package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.chat.Platform;
import io.duban.report.ConversationFixture.MovableClock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.test.StepVerifier;

/**
 * 待核实进展 on the dashboard: an unregistered sender's report counts only once a leader accepts it for
 * a unit; a misfiled one is moved to its item; a rejected one stays out; each is audited.
 */
@DubanSpringTest
@TestPropertySource(locations = "classpath:chat-test.properties")
@Import(ConversationFixture.class)
class ReviewQueueTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PAGE = "/dashboard/review";

  @Autowired ReportConversation conversation;
  @Autowired ReportService reports;
  @Autowired ProgressFacts facts;
  @Autowired MovableClock clock;
  @Autowired DatabaseClient db;
  @Autowired WebTestClient web;

  @BeforeEach
  void clean() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    clock.set(ConversationFixture.START);
    db.sql("delete from progress_report")
        .then()
        .then(db.sql("delete from report_handled_message").then())
        .then(db.sql("delete from report_clarification").then())
        .then(db.sql("delete from admin_audit where subject like 'progress_report:%'").then())
        .block(WAIT);
  }

  private ProgressReport say(String sender, String text) {
    var message =
        ConversationFixture.message(Platform.WECOM, sender, "wrkGroup", text, clock.instant());
    StepVerifier.create(conversation.handle(message)).verifyComplete();
    return reports.search(new ReportRepository.Filter(null, null, null, null)).blockFirst(WAIT);
  }

  private ProgressReport reload(long id) {
    return reports
        .search(new ReportRepository.Filter(null, null, null, null))
        .filter(r -> r.id() == id)
        .blockFirst(WAIT);
  }

  @Test
  void aLeaderAcceptsMovesAndRejectsWaitingReportsAndEachIsAudited() {
    ProgressReport stranger = say("stranger.01", "3 高企培育库新增入库企业120家，进度40%");
    ProgressReport misfiled = say("zhang.wei", "8 药创院省重点实验室申报材料已报送，进度60%");
    ProgressReport rumour = say("stranger.02", "1.2 听说已经完成了，已完成");
    assertThat(misfiled.responsibility()).isEqualTo(ReportResponsibility.NONE);
    assertThat(
            facts
                .inWeek(ReportWeek.parse("2024-W23"))
                .map(ReportFact::id)
                .collectList()
                .block(WAIT))
        .containsExactly(misfiled.id());

    String session = signIn("test-supervisor-token");
    String page = get(session, PAGE);
    assertThat(page)
        .contains("待核实进展", "高企培育库新增入库企业120家", "听说已经完成了", "药创院省重点实验室申报材料已报送")
        .contains("（未登记）", "非责任单位");

    post(session, PAGE + "/" + stranger.id() + "/accept", page, "unit", "hightech", null, null);
    post(session, PAGE + "/" + misfiled.id() + "/move", page, "item", "1.2", "unit", "");
    post(session, PAGE + "/" + rumour.id() + "/reject", page, null, null, null, null);

    ProgressReport accepted = reload(stranger.id());
    assertThat(accepted.verified()).isTrue();
    assertThat(accepted.unitCode()).isEqualTo("hightech");
    assertThat(accepted.responsibility()).isEqualTo(ReportResponsibility.LEAD);
    ProgressReport moved = reload(misfiled.id());
    assertThat(moved.itemCode()).isEqualTo("1.2");
    assertThat(moved.unitCode()).isEqualTo("platforms");
    assertThat(moved.responsibility()).isEqualTo(ReportResponsibility.LEAD);
    assertThat(reload(rumour.id()).retracted()).isTrue();
    assertThat(reports.unitsWithoutReport("2024-W23").collectList().block(WAIT))
        .doesNotContain("hightech", "platforms");
    assertThat(get(session, PAGE)).contains("没有待核实的进展");
    assertThat(
            db.sql(
                    "select actor || ' ' || action || ' ' || subject from admin_audit"
                        + " where subject like 'progress_report:%' order by id")
                .map(r -> r.get(0, String.class))
                .all()
                .collectList()
                .block(WAIT))
        .containsExactly(
            "supervisor report.accept progress_report:" + stranger.id(),
            "supervisor report.move progress_report:" + misfiled.id(),
            "supervisor report.reject progress_report:" + rumour.id());
  }

  @Test
  void aMoveToAnItemThePlanDoesNotHaveChangesNothing() {
    ProgressReport misfiled = say("zhang.wei", "8 药创院省重点实验室申报材料已报送，进度60%");
    String session = signIn("test-supervisor-token");
    String page = get(session, PAGE);

    String html =
        web.post()
            .uri(PAGE + "/" + misfiled.id() + "/move")
            .cookie("SESSION", session)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("_csrf", csrf(page)).with("item", "9.9"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(html).contains("没有可报送的事项 9.9");
    assertThat(reload(misfiled.id()).itemCode()).isEqualTo("8");
    assertThat(reload(misfiled.id()).reviewedBy()).isNull();
  }

  private void post(
      String session, String uri, String page, String k1, String v1, String k2, String v2) {
    var form = BodyInserters.fromFormData("_csrf", csrf(page));
    if (k1 != null) {
      form = form.with(k1, v1);
    }
    if (k2 != null) {
      form = form.with(k2, v2);
    }
    web.post()
        .uri(uri)
        .cookie("SESSION", session)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(form)
        .exchange()
        .expectStatus()
        .is3xxRedirection();
  }

  private String get(String session, String uri) {
    return web.get()
        .uri(uri)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    var result =
        web.post()
            .uri("/dashboard/login")
            .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(
                BodyInserters.fromFormData("token", token)
                    .with("_csrf", csrf(login.getResponseBody())))
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .expectBody()
            .returnResult();
    return result.getResponseCookies().getFirst("SESSION").getValue();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }
}
