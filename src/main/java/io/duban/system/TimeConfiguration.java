package io.duban.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock and the zone in which the service counts days and reporting weeks. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

  @Bean
  ZoneId zone(ServiceProperties properties) {
    return properties.zone();
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock(ZoneId zone) {
    return Clock.system(zone);
  }
}
