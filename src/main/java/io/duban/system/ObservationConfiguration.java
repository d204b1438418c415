package io.duban.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Keeps Spring Security from observing each request's filter chain, filter by filter, and each
 * authorization: with an observation registry present it starts and stops an observation (timer,
 * handlers, context) around every security filter of every request, a platform's callbacks
 * included, which JFR showed at several per cent of a WeCom message's CPU. Nothing reads those
 * observations; requests are still timed once ({@code http.server.requests}).
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
