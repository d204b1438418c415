package io.duban.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schedule as an admin sends it (create/replace); {@link #validate} names every bad field.
 *
 * @param name unique name: letters (Chinese included), digits, - and _
 * @param kind REMINDER, ESCALATION or DIGEST
 * @param cron Quartz cron expression
 * @param zone time zone id, default Asia/Shanghai
 * @param target whom its messages go to
 * @param enabled default true
 * @param workdayRule default SKIP_NON_WORKDAY
 */
record ScheduleDraft(
    String name,
    ScheduleKind kind,
    String cron,
    ZoneId zone,
    ScheduleTarget target,
    boolean enabled,
    WorkdayRule workdayRule) {

  /** The request body: everything as text so a bad value gets a message naming its field. */
  record Body(
      String name,
      String kind,
      String cron,
      String zone,
      String target,
      Boolean enabled,
      String workdayRule) {}

  /**
   * When a schedule fires, checked on its own for a preview.
   *
   * @param cron Quartz cron expression
   * @param zone time zone of the expression
   * @param workdayRule what a non-work day does to a fire
   */
  record Timing(String cron, ZoneId zone, WorkdayRule workdayRule) {}

  /** Parses and checks {@code body}; throws IllegalArgumentException listing each bad field. */
  static ScheduleDraft validate(Body body) {
    List<String> problems = new ArrayList<>();
    if (body == null) {
      throw new IllegalArgumentException("body: 请求体应为一个 JSON 定时任务");
    }
    if (body.name() == null || !body.name().matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]{0,99}")) {
      problems.add("name: 名称为 1–100 个汉字、字母、数字、- 或 _，如 周报提醒");
    }
    ScheduleKind kind = parseEnum(ScheduleKind.class, body.kind(), "kind", null, problems);
    Timing timing = timing(body.cron(), body.zone(), body.workdayRule(), problems);
    ScheduleTarget target = ScheduleTarget.read(body.target()).orElse(null);
    if (target == null) {
      problems.add("target: " + ScheduleTarget.EXPECTED);
    }
    failOn(problems);
    return new ScheduleDraft(
        body.name(),
        kind,
        timing.cron(),
        timing.zone(),
        target,
        body.enabled() == null || body.enabled(),
        timing.workdayRule());
  }

  /** Parses and checks the timing fields alone; throws IllegalArgumentException naming each. */
  static Timing validateTiming(String cron, String zone, String workdayRule) {
    List<String> problems = new ArrayList<>();
    Timing timing = timing(cron, zone, workdayRule, problems);
    failOn(problems);
    return timing;
  }

  private static Timing timing(String cron, String zoneId, String rule, List<String> problems) {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    if (zoneId != null && !zoneId.isBlank()) {
      try {
        zone = ZoneId.of(zoneId.trim());
      } catch (RuntimeException e) {
        problems.add("zone: 未知时区「" + zoneId + "」，如 Asia/Shanghai");
      }
    }
    if (cron == null || cron.isBlank()) {
      problems.add("cron: 必填。" + CronFields.HINT);
    } else {
      try {
        FireTimes.parse(cron.trim(), zone);
      } catch (IllegalArgumentException e) {
        problems.add("cron: " + e.getMessage());
      }
    }
    WorkdayRule workdayRule =
        parseEnum(WorkdayRule.class, rule, "workdayRule", WorkdayRule.SKIP_NON_WORKDAY, problems);
    return new Timing(cron == null ? null : cron.trim(), zone, workdayRule);
  }

  private static void failOn(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("；", problems));
    }
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, String field, E fallback, List<String> problems) {
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        problems.add(field + ": 必填");
      }
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(field + ": 应为 " + java.util.Arrays.toString(type.getEnumConstants()) + " 之一");
      return fallback;
    }
  }
}
