package io.duban.schedule;

import org.springframework.util.MultiValueMap;

/**
 * What an admin typed into the new-schedule form, kept as text so a bad value is shown back as
 * typed. Public because Thymeleaf's SpEL cannot call methods of package-private classes.
 */
public record NewScheduleForm(
    String name, String kind, String cron, String zone, String target, String workdayRule) {

  /** The form as first shown: a weekly reminder on Thursday 15:00 to every unit. */
  static NewScheduleForm blank() {
    return new NewScheduleForm(
        "",
        ScheduleKind.REMINDER.name(),
        "0 0 15 ? * THU",
        "Asia/Shanghai",
        "units",
        WorkdayRule.SKIP_NON_WORKDAY.name());
  }

  static NewScheduleForm of(MultiValueMap<String, String> form) {
    return new NewScheduleForm(
        trimmed(form.getFirst("name")),
        form.getFirst("kind"),
        form.getFirst("cron"),
        form.getFirst("zone"),
        form.getFirst("target"),
        form.getFirst("workdayRule"));
  }

  /** The schedule to create, enabled. */
  ScheduleDraft.Body body() {
    return new ScheduleDraft.Body(name, kind, cron, zone, target, true, workdayRule);
  }

  private static String trimmed(String s) {
    return s == null ? null : s.strip();
  }
}
