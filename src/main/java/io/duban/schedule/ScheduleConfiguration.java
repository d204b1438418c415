package io.duban.schedule;

import io.duban.digest.DigestComposer;
import java.time.ZoneId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The work-day calendar and the planners, configured from {@code duban.schedule}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

  @Bean
  WorkdayCalendar workdayCalendar(ScheduleProperties properties) {
    return WorkdayCalendar.load(properties.holidays());
  }

  @Bean
  FireTimes fireTimes(WorkdayCalendar calendar) {
    return new FireTimes(calendar);
  }

  @Bean
  EscalationPlanner escalationPlanner(ScheduleProperties p, ZoneId zone) {
    return new EscalationPlanner(
        p.yellowAfterPeriods(), p.redAfterPeriods(), p.blueWithinDays(), zone);
  }

  @Bean
  DigestPlanner digestPlanner(DigestComposer composer, ScheduleProperties p, ZoneId zone) {
    return new DigestPlanner(composer, p.reportDueDay(), p.reportDueTime(), zone);
  }

  @Bean
  ReportFacts reportFacts(DatabaseClient db) {
    return new SqlReportFacts(db);
  }
}
