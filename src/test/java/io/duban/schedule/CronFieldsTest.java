package io.duban.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * Finding 13: a cron that Quartz reads as something other than what was typed is refused, in
 * Chinese, with the six/seven-field form as a hint.
 */
class CronFieldsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void quartzItselfReadsMonnAsMondaySoItMustBeCaughtFirst() {
    assertThat(CronExpression.isValidExpression("0 0 9 ? * MONN")).isTrue();
  }

  @Test
  void refusesMonnNamingTheFieldInChineseWithTheQuartzForm() {
    assertThatThrownBy(() -> FireTimes.parse("0 0 9 ? * MONN", SHANGHAI))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("第 6 段（星期）「MONN」无效")
        .hasMessageContaining("MON")
        .hasMessageContaining("秒 分 时 日 月 星期 [年]")
        .hasMessageContaining("0 0 15 ? * THU 表示每周四 15:00");
  }

  @Test
  void refusesEveryFieldQuartzWouldReadLoosely() {
    for (String cron :
        List.of(
            "0 0 15 ? * THURS",
            "0 0 15 ? * THU,FRIDAY",
            "0 0 15 ? JANUARY MON",
            "0 0 15 ? JANX *",
            "0 60 15 ? * THU",
            "0 0 24 ? * THU",
            "0 0 15 32 * ?",
            "0 0 15 ? * 8",
            "0 0 15 ? 13 MON",
            "0 0 15 ? * MON 1969",
            "0 0 15 ? * MON nope",
            "0 0 15 * * 4",
            "0 0 15 ? * ?",
            "0 15 * * 4",
            "0 0 15 ? * THU 2025 x",
            "0 0/0 15 ? * THU",
            "0 0 15 ? * MON-FRIX")) {
      assertThatThrownBy(() -> FireTimes.parse(cron, SHANGHAI))
          .as(cron)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cron 表达式")
          .hasMessageContaining("0 0 15 ? * THU");
    }
  }

  @Test
  void acceptsWhatQuartzDocumentsExactly() {
    for (String cron :
        List.of(
            "0 0 15 ? * THU",
            "0 0 15 ? * thu",
            "0 30 8 ? * MON-FRI",
            "0 0 9 ? * 2-6",
            "0 0/15 8-17 ? * MON-FRI",
            "0 0 9 1,15 * ?",
            "0 0 9 L * ?",
            "0 0 9 L-3 * ?",
            "0 0 9 15W * ?",
            "0 0 9 LW * ?",
            "0 0 9 ? * 6L",
            "0 0 9 ? * FRIL",
            "0 0 9 ? * 2#1",
            "0 0 9 ? * MON#2",
            "0 0 9 ? JAN,JUL MON",
            "0 0 9 ? JAN-MAR *",
            "0 0 9 * * ?",
            "0 0 9 ? * MON 2025",
            "0 0 9 ? * MON 2025-2030",
            "*/30 * * * * ?")) {
      assertThatCode(() -> FireTimes.parse(cron, SHANGHAI)).as(cron).doesNotThrowAnyException();
    }
  }
}
