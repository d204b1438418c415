package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.system.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import reactor.test.StepVerifier;

@DubanSpringTest
class ItemClosingTest {

  @Autowired ItemClosing closing;
  @Autowired ClosedItems closed;
  private ReportFixture reports;

  @BeforeEach
  void seed() {
    reports = new ReportFixture();
  }

  @AfterEach
  void clean() {
    reports.close();
  }

  @Test
  void refusesToCloseUntilTheLeadUnitReportsDone() {
    reports.report(
        "1.3",
        "feng.xue",
        "IN_PROGRESS",
        80,
        "扩区方案报省厅审核中",
        "2024-W23",
        Instant.parse("2024-06-05T02:00:00Z"));
    // a supporting unit saying done is not the lead unit saying done
    reports.report(
        "1.3",
        "zhang.wei",
        "DONE",
        100,
        "我科配合部分已完成",
        "2024-W23",
        Instant.parse("2024-06-06T02:00:00Z"));

    StepVerifier.create(closing.close("1.3", "leader", ClosingChannel.DASHBOARD, ""))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        DomainException.class,
                        d -> {
                          assertThat(d.status()).isEqualTo(HttpStatus.CONFLICT);
                          assertThat(d.code()).isEqualTo("NOT_REPORTED_DONE");
                        }))
        .verify();
    StepVerifier.create(closed.codes()).assertNext(c -> assertThat(c).isEmpty()).verifyComplete();
    StepVerifier.create(closing.history("1.3").count()).expectNext(0L).verifyComplete();
  }

  @Test
  void closesOnceAfterLeadUnitReportsDoneReopensAndAuditsEveryStep() {
    reports.report(
        "1.3",
        "feng.xue",
        "DONE",
        100,
        "扩区方案已获批复，任务完成",
        "2024-W23",
        Instant.parse("2024-06-07T03:00:00Z"));

    StepVerifier.create(closing.close("1.3", "chen.juzhang", ClosingChannel.CHAT, "同意销号"))
        .assertNext(
            r -> {
              assertThat(r.action()).isEqualTo(ClosingAction.CLOSE);
              assertThat(r.actor()).isEqualTo("chen.juzhang");
            })
        .verifyComplete();
    StepVerifier.create(closed.codes())
        .assertNext(c -> assertThat(c).containsExactly("1.3"))
        .verifyComplete();
    StepVerifier.create(closing.close("1.3", "leader", ClosingChannel.DASHBOARD, ""))
        .expectErrorSatisfies(
            e -> assertThat(((DomainException) e).code()).isEqualTo("ALREADY_CLOSED"))
        .verify();

    StepVerifier.create(closing.reopen("1.3", "leader", ClosingChannel.DASHBOARD, "材料需补充"))
        .assertNext(r -> assertThat(r.action()).isEqualTo(ClosingAction.REOPEN))
        .verifyComplete();
    StepVerifier.create(closed.isClosed("1.3")).expectNext(false).verifyComplete();
    StepVerifier.create(closing.reopen("1.3", "leader", ClosingChannel.DASHBOARD, ""))
        .expectErrorSatisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("NOT_CLOSED"))
        .verify();

    StepVerifier.create(closing.history("1.3").collectList())
        .assertNext(
            h -> {
              assertThat(h)
                  .extracting(
                      ClosingRecord::action,
                      ClosingRecord::actor,
                      ClosingRecord::via,
                      ClosingRecord::note)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple(
                          ClosingAction.CLOSE, "chen.juzhang", ClosingChannel.CHAT, "同意销号"),
                      org.assertj.core.groups.Tuple.tuple(
                          ClosingAction.REOPEN, "leader", ClosingChannel.DASHBOARD, "材料需补充"));
              assertThat(h.get(0).at()).isNotNull();
            })
        .verifyComplete();
  }

  @Test
  void refusesUnknownItemsAndSectionsWithSubItems() {
    StepVerifier.create(closing.close("9.9", "leader", ClosingChannel.API, ""))
        .expectErrorSatisfies(
            e -> assertThat(((DomainException) e).status()).isEqualTo(HttpStatus.NOT_FOUND))
        .verify();
    StepVerifier.create(closing.close("1", "leader", ClosingChannel.API, ""))
        .expectErrorSatisfies(
            e -> assertThat(((DomainException) e).code()).isEqualTo("NOT_REPORTABLE"))
        .verify();
  }
}
