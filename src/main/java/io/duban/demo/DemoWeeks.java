package io.duban.demo;

import io.duban.report.NewReport;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns the stories into the weeks' reports: a fixed seed decides who reports on which day and at
 * what time, so every demo database holds the same half year.
 */
final class DemoWeeks {

  /** The example of a supporting unit's contribution, every fourth week. */
  private static final int SUPPORT_EVERY = 4;

  private DemoWeeks() {}

  /** Who reports on an item. */
  record Cast(DemoStory story, DemoLoader.Reporter lead, List<DemoLoader.Reporter> support) {}

  /** The reports of weeks {@link DemoStory#FIRST_WEEK} to {@link DemoStory#LAST_WEEK}, in time. */
  static List<NewReport> reports(List<Cast> casts, ZoneId zone) {
    Random random = new Random(2024);
    List<Cast> ordered = new ArrayList<>(casts);
    ordered.sort(Comparator.comparing(c -> c.story().code()));
    Map<String, Integer> percent = new HashMap<>();
    List<NewReport> all = new ArrayList<>();
    for (int week = DemoStory.FIRST_WEEK; week <= DemoStory.LAST_WEEK; week++) {
      if (week == DemoStory.HOLIDAY_WEEK) {
        continue;
      }
      ReportWeek w = new ReportWeek(2024, week);
      for (Cast cast : ordered) {
        DemoStory s = cast.story();
        // every draw is made whatever the outcome, so one story's rules do not shift the others'
        int skip = random.nextInt(100);
        int day = random.nextInt(100);
        int minute = random.nextInt(9 * 60);
        int noise = random.nextInt(5) - 2;
        boolean finished =
            s.turn() == ReportStatus.DONE && week > s.turnWeek()
                || percent.getOrDefault(s.code(), 0) >= 100;
        boolean silent = s.silentFrom() > 0 && week >= s.silentFrom();
        boolean skipped = (week - DemoStory.FIRST_WEEK) % s.every() != 0 || skip < 8;
        if (!finished && !silent && !skipped) {
          // a supporting unit's contribution comes on Monday, before the lead's report of the week
          if (!cast.support().isEmpty() && s.turn() == null && week % SUPPORT_EVERY == 0) {
            all.add(support(cast, w, minute, zone));
          }
          all.add(lead(cast, w, day, minute, noise, percent, zone));
        }
      }
    }
    all.sort(Comparator.comparing(NewReport::sentAt));
    return all;
  }

  private static NewReport lead(
      Cast cast,
      ReportWeek w,
      int dayDraw,
      int minute,
      int noise,
      Map<String, Integer> percent,
      ZoneId zone) {
    DemoStory s = cast.story();
    int span = DemoStory.LAST_WEEK - DemoStory.FIRST_WEEK + 1;
    double share = (w.number() - DemoStory.FIRST_WEEK + 1) / (double) span;
    boolean turned = s.turn() != null && w.number() >= s.turnWeek();
    int before = percent.getOrDefault(s.code(), 0);
    int p;
    if (turned && s.turn() == ReportStatus.DONE) {
      p = 100;
    } else if (turned) {
      p = Math.max(before, 1); // blocked or delayed: no further progress
    } else {
      p =
          Math.max(
              before,
              Math.min(s.target(), Math.max(1, (int) Math.round(s.target() * share) + noise)));
    }
    percent.put(s.code(), p);
    ReportStatus status = turned ? s.turn() : ReportStatus.IN_PROGRESS;
    String step =
        turned
            ? s.turnText()
            : s.steps().get(Math.min(s.steps().size() - 1, (int) (share * s.steps().size())));
    String text =
        switch (status) {
          case DONE -> s.code() + " " + step;
          case BLOCKED -> s.code() + " " + step;
          default -> s.code() + " " + step + "，进度" + p + "%";
        };
    Instant at = when(w, dayDraw, minute, zone);
    return report(cast.lead(), s.code(), status, p, turned ? s.reason() : null, text, at);
  }

  /** A supporting unit adds what it did, on Monday. */
  private static NewReport support(Cast cast, ReportWeek w, int minute, ZoneId zone) {
    DemoLoader.Reporter r = cast.support().get(w.number() / SUPPORT_EVERY % cast.support().size());
    String text =
        cast.story().code() + " 配合牵头单位推进，本月已报送配合事项进展材料" + (w.number() / SUPPORT_EVERY) + "份";
    Instant at =
        w.monday().atTime(LocalTime.of(10, 0).plusMinutes(minute % 240)).atZone(zone).toInstant();
    return report(r, cast.story().code(), ReportStatus.IN_PROGRESS, null, null, text, at);
  }

  /**
   * Most reports come in on Tuesday to Thursday during office hours; about one in eight on Friday
   * afternoon, after the week's Thursday deadline.
   */
  static Instant when(ReportWeek w, int dayDraw, int minute, ZoneId zone) {
    DayOfWeek day =
        dayDraw < 20
            ? DayOfWeek.TUESDAY
            : dayDraw < 55
                ? DayOfWeek.WEDNESDAY
                : dayDraw < 88 ? DayOfWeek.THURSDAY : DayOfWeek.FRIDAY;
    LocalTime time =
        day == DayOfWeek.FRIDAY
            ? LocalTime.of(15, 0).plusMinutes(minute % 150)
            : LocalTime.of(8, 30).plusMinutes(minute);
    return w.monday().plusDays(day.getValue() - 1L).atTime(time).atZone(zone).toInstant();
  }

  private static NewReport report(
      DemoLoader.Reporter r,
      String code,
      ReportStatus status,
      Integer percent,
      String reason,
      String text,
      Instant at) {
    return new NewReport(
        code,
        r.contact().unitCode(),
        r.contact().id(),
        r.contact().platform(),
        r.contact().platformUserId(),
        r.contact().name(),
        r.botId(),
        r.chatId(),
        status,
        percent,
        reason,
        text,
        null,
        at,
        null);
  }
}
