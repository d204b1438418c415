package io.duban.schedule;

import org.springframework.util.MultiValueMap;

/**
 * What an admin typed into a schedule's form on the dashboard, kept as text so a bad value is shown
 * back as typed. Public because Thymeleaf's SpEL cannot call methods of package-private classes.
 */
public record ScheduleForm(String cron, String zone, String target, String workdayRule) {

  static ScheduleForm of(ScheduleService.ScheduleView v) {
    return new ScheduleForm(v.cron(), v.zone(), v.target(), v.workdayRule().name());
  }

  static ScheduleForm of(MultiValueMap<String, String> form) {
    return new ScheduleForm(
        form.getFirst("cron"),
        form.getFirst("zone"),
        form.getFirst("target"),
        form.getFirst("workdayRule"));
  }

  /** The replacement of {@code v} with this form's timing and target. */
  ScheduleDraft.Body applyTo(ScheduleService.ScheduleView v) {
    return new ScheduleDraft.Body(
        v.name(), v.kind().name(), cron, zone, target, v.enabled(), workdayRule);
  }
}
