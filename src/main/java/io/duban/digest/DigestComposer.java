package io.duban.digest;

import io.duban.report.Light;
import io.duban.report.ReportStatus;
import io.duban.report.ReporterText;
import io.duban.system.ChineseDates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
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

  /**
   * The digest text. A plan whose every item fits in {@link #FULL_MAX_BYTES} is listed item by item
   * (the outbox splits it on line boundaries when a platform needs that); a larger one is
   * summarised within {@link #SUMMARY_MAX_BYTES}, one message on every platform: at 10,000 items
   * the listing was 611,684 characters, hundreds of messages at a group robot's 20 a minute.
   */
  public String compose(WeeklyDigest d) {
    String full = full(d);
    return bytes(full) <= FULL_MAX_BYTES ? full : summary(d);
  }

  /**
   * The most a listed digest may take: three WeCom text messages (2,048 bytes each), which a plan
   * of a few dozen items fits.
   */
  static final int FULL_MAX_BYTES = 3 * 2048;

  /** The most a summary takes: one WeCom text message, the smallest any platform takes. */
  static final int SUMMARY_MAX_BYTES = 2048;

  /** Red items named per leader in a summary (the board lists them all). */
  static final int REDS_NAMED = 2;

  /** Items named per kind of change in a summary. */
  static final int CHANGES_NAMED = 3;

  /** Title length in a summary, in characters. */
  private static final int SHORT_TITLE_CHARS = 14;

  /**
   * A large plan's digest: the counts, how many items changed colour and the first of them, the red
   * items of each responsible leader's area (the worst first), the units that owe reports counted,
   * and the link to the board. Lines that do not fit {@link #SUMMARY_MAX_BYTES} are left out and
   * counted, never cut through.
   */
  String summary(WeeklyDigest d) {
    StringBuilder head = new StringBuilder(counts(d));
    int items = d.sections().stream().mapToInt(s -> s.items().size()).sum();
    head.insert(head.indexOf("\n") + 1, "共 " + items + " 项，以下为摘要，逐项情况见看板。\n");
    StringBuilder tail = new StringBuilder("\n");
    if (!d.extensions().isEmpty()) {
      tail.append(d.extensionsLine()).append('\n');
    }
    tail.append("未报送单位 ").append(d.missingUnits().size()).append(" 个");
    if (!d.lateUnits().isEmpty()) {
      tail.append("，迟报单位 ").append(d.lateUnits().size()).append(" 个");
    }
    if (!d.unreached().isEmpty()) {
      tail.append("\n上周未送达 ").append(d.unreached().size()).append(" 个群（请管理员在「消息投递」页查看原因并重发）");
    }
    if (d.dashboardUrl() != null && !d.dashboardUrl().isBlank()) {
      tail.append("\n详情看板：").append(d.dashboardUrl());
    }
    List<String> body = new ArrayList<>();
    List<WeeklyDigest.Change> changes = d.highlights().changes();
    if (!changes.isEmpty()) {
      body.add("");
      body.add("本周灯色变化 " + changes.size() + " 项：" + changeCounts(changes));
      for (Light to : List.of(Light.RED, Light.YELLOW, Light.GREEN, Light.CLOSED)) {
        List<WeeklyDigest.Change> these = changes.stream().filter(c -> c.to() == to).toList();
        if (!these.isEmpty()) {
          body.add(
              "转为"
                  + to.label()
                  + "："
                  + these.stream()
                      .limit(CHANGES_NAMED)
                      .map(c -> c.code() + " " + shorten(c.title(), SHORT_TITLE_CHARS))
                      .collect(Collectors.joining("；"))
                  + (these.size() > CHANGES_NAMED ? " 等" + these.size() + "项" : ""));
        }
      }
    }
    List<WeeklyDigest.LeaderReds> reds = d.highlights().redsByLeader();
    if (!reds.isEmpty()) {
      body.add("");
      body.add("各责任领导" + Light.RED.label() + "事项（最需关注的在前）：");
      for (WeeklyDigest.LeaderReds l : reds) {
        body.add(
            l.leader()
                + "（"
                + l.count()
                + " 项）："
                + l.items().stream()
                    .limit(REDS_NAMED)
                    .map(i -> i.code() + " " + shorten(i.title(), SHORT_TITLE_CHARS) + redWhy(i))
                    .collect(Collectors.joining("；")));
      }
    }
    StringBuilder out = new StringBuilder(head.toString().stripTrailing()).append('\n');
    int budget = SUMMARY_MAX_BYTES - bytes(out.toString()) - bytes(tail.toString());
    int left = 0;
    for (String line : body) {
      // room kept for the line saying how many were left out
      int room = budget - (line.isEmpty() ? 1 : bytes(line) + 1) - 64;
      if (left == 0 && room >= 0) {
        out.append(line).append('\n');
        budget -= bytes(line) + 1;
      } else if (!line.isEmpty()) {
        left++;
      }
    }
    if (left > 0) {
      out.append("（另有 ").append(left).append(" 行摘要未列出，见看板）\n");
    }
    String text = out.append(tail).toString().stripTrailing();
    // a leader's name or a URL that long is the only way past the budget: cut, never overflow
    while (bytes(text) > SUMMARY_MAX_BYTES) {
      text =
          text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1));
    }
    return text;
  }

  private static String changeCounts(List<WeeklyDigest.Change> changes) {
    StringJoiner out = new StringJoiner("，");
    for (Light to : List.of(Light.RED, Light.YELLOW, Light.GREEN, Light.CLOSED)) {
      long n = changes.stream().filter(c -> c.to() == to).count();
      if (n > 0) {
        out.add("转为" + to.label() + " " + n);
      }
    }
    return out.toString();
  }

  private static String redWhy(WeeklyDigest.Item i) {
    if (i.overdue()) {
      return "（已逾期）";
    }
    if (i.status() == ReportStatus.BLOCKED) {
      return "（受阻）";
    }
    return i.percent() == null ? "（尚无报送）" : "（" + i.percent() + "%）";
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The title and the headline counts, as both forms of the digest begin. */
  private String counts(WeeklyDigest d) {
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
    return out.toString();
  }

  private String full(WeeklyDigest d) {
    StringBuilder out = new StringBuilder(counts(d));
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
    if (!d.extensions().isEmpty()) {
      out.append('\n').append(d.extensionsLine()).append('\n');
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
