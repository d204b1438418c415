package io.duban.schedule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The work-day calendar and fire times, configured from {@code duban.schedule}. */
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
}
