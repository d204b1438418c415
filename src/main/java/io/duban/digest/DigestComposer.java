package io.duban.digest;

import io.duban.report.Light;
import io.duban.report.ReporterText;
import io.duban.system.ChineseDates;
import java.time.Clock;
import java.time.LocalDate;
import java.util.StringJoiner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Writes the leaders' weekly digest (周报) as plain chat text. */
@Component
public class DigestComposer {

  private static final String[] NUMERALS = {
    "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
    "十八", "十九", "二十"
  };

  private static final String CLOSED = "✅ 已办结销号";
  private static final int TITLE_CHARS = 24;
  private static final int SUMMARY_CHARS = 40;

  private final Clock clock;

  /** A composer writing weeks as seen from {@code clock}'s today (the year only when another). */
  @Autowired
  public DigestComposer(Clock clock) {
    this.clock = clock;
  }

  /** A composer for the system clock. */
  public DigestComposer() {
    this(Clock.systemDefaultZone());
  }

  /** The digest text; the outbox splits it on line boundaries when a platform needs that. */
  public String compose(WeeklyDigest d) {
    StringBuilder out = new StringBuilder();
    out.append("【督办周报】").append(ChineseDates.week(d.from(), LocalDate.now(clock))).append('\n');
    WeeklyDigest.Counts c = d.counts();
    WeeklyDigest.Counts p = d.previous();
    // The lights and their counts are the board's, from the one LightRule.
    out.append(Light.RED.label())
        .append(' ')
        .append(c.red())
        .append(change(c.red(), p.red()))
        .append("，")
        .append(Light.YELLOW.label())
        .append(' ')
        .append(c.yellow())
        .append(change(c.yellow(), p.yellow()))
        .append("，")
        .append(Light.GREEN.label())
        .append(' ')
        .append(c.green())
        .append(change(c.green(), p.green()))
        .append("，已办结销号 ")
        .append(c.closed())
        .append(change(c.closed(), p.closed()))
        .append('\n')
        .append("其中已逾期 ")
        .append(c.overdue())
        .append(change(c.overdue(), p.overdue()))
        .append("，滞后 ")
        .append(c.behind())
        .append(change(c.behind(), p.behind()))
        .append("，受阻 ")
        .append(c.blocked())
        .append(change(c.blocked(), p.blocked()))
        .append("，已完成待销号 ")
        .append(c.done())
        .append(change(c.done(), p.done()))
        .append("，本周未报送 ")
        .append(c.notReported())
        .append(change(c.notReported(), p.notReported()))
        .append("\n（灯色与看板一致，括号内为较上周变化）\n");

    for (WeeklyDigest.Section section : d.sections()) {
      out.append('\n')
          .append(sectionNumber(section.code()))
          .append("、")
          .append(section.title())
          .append('\n');
      for (WeeklyDigest.Item item : section.items()) {
        out.append(item.code())
            .append(' ')
            .append(shorten(item.title(), TITLE_CHARS))
            .append("：")
            .append(state(item))
            .append('\n');
      }
    }

    if (!d.blocked().isEmpty()) {
      out.append("\n受阻事项：\n");
      for (WeeklyDigest.Blocked b : d.blocked()) {
        out.append(b.code()).append(' ').append(shorten(b.title(), TITLE_CHARS));
        if (!b.unitName().isEmpty()) {
          out.append("（").append(b.unitName()).append("）");
        }
        out.append("：")
            .append(b.reason().isBlank() ? "未说明原因" : ReporterText.quoted(b.reason(), 60))
            .append('\n');
      }
    }
    if (!d.overdue().isEmpty()) {
      out.append("\n逾期事项：\n");
      for (WeeklyDigest.Overdue o : d.overdue()) {
        out.append(o.code()).append(' ').append(shorten(o.title(), TITLE_CHARS)).append("（");
        if (!o.unitName().isEmpty()) {
          out.append(o.unitName()).append("，");
        }
        out.append("完成时限 ").append(ChineseDates.fullDate(o.deadline())).append("）\n");
      }
    }
    out.append('\n')
        .append("未报送单位：")
        .append(d.missingUnits().isEmpty() ? "无" : String.join("、", d.missingUnits()))
        .append('\n');
    if (!d.lateUnits().isEmpty()) {
      out.append("迟报单位（晚于报送截止时间）：").append(String.join("、", d.lateUnits())).append('\n');
    }
    if (!d.unreached().isEmpty()) {
      out.append("上周未送达：")
          .append(String.join("、", d.unreached()))
          .append("（请管理员在「消息投递」页查看原因并重发）\n");
    }
    if (d.dashboardUrl() != null && !d.dashboardUrl().isBlank()) {
      out.append("详情看板：").append(d.dashboardUrl()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static String state(WeeklyDigest.Item item) {
    if (item.closed()) {
      return CLOSED;
    }
    if (item.status() == null) {
      return "尚无报送";
    }
    StringJoiner parts = new StringJoiner(" ");
    parts.add(item.status().label());
    if (item.percent() != null) {
      parts.add(item.percent() + "%");
    }
    String s = parts.toString();
    if (!item.reportedThisWeek()) {
      return "本周未报送（上次：" + s + "）";
    }
    return item.summary().isBlank()
        ? s
        : s + "，" + ReporterText.quoted(item.summary(), SUMMARY_CHARS);
  }

  private static String change(int now, int before) {
    int delta = now - before;
    return delta == 0 ? "（持平）" : delta > 0 ? "（+" + delta + "）" : "（" + delta + "）";
  }

  private static String sectionNumber(String code) {
    try {
      int n = Integer.parseInt(code);
      return n > 0 && n < NUMERALS.length ? NUMERALS[n] : code;
    } catch (NumberFormatException e) {
      return code;
    }
  }

  static String shorten(String text, int maxChars) {
    String t = text.strip();
    return t.codePointCount(0, t.length()) <= maxChars
        ? t
        : t.substring(0, t.offsetByCodePoints(0, maxChars - 1)) + "…";
  }
}
