package io.duban.chat;

import io.duban.MovableClock;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * A slice of one platform's callback: its controller with the platform's crypto, signature and
 * normaliser, the one error advice, the bots the test class configures, a clock at {@link #NOW} and
 * a {@link FakeInboundStore} in place of the database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// other features' advices and filters stay out: the slice is the callback and its error advice
@WebFluxTest(
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "io\\.duban\\.(?!chat\\.|system\\.).*"))
@Import(CallbackSliceTest.Beans.class)
// the test profile's plain log lines: logging is set up for the whole JVM by each context
@ActiveProfiles("test")
public @interface CallbackSliceTest {

  /** When the slice's clock stands. */
  Instant NOW = Instant.parse("2024-06-05T02:00:00Z");

  /** The controller under test. */
  @AliasFor(annotation = WebFluxTest.class, attribute = "controllers")
  Class<?>[] value();

  /** The bots of the test, as {@code duban.chat.*} properties. */
  @AliasFor(annotation = WebFluxTest.class, attribute = "properties")
  String[] bots() default {};

  /** The beans a callback controller needs besides its own package. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ChatProperties.class)
  class Beans {
    @Bean
    FakeInboundStore fakeInboundStore() {
      return new FakeInboundStore();
    }

    @Bean
    FakeReplayGuard fakeReplayGuard() {
      return new FakeReplayGuard();
    }

    @Bean
    Clock sliceClock() {
      return new MovableClock(NOW);
    }
  }
}
