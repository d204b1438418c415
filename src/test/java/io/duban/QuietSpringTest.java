package io.duban;

import io.duban.security.SignInFailuresForgotten;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port with Quartz and the outbox dispatcher stopped, a {@link
 * MovableClock}, reports from memory, no seeded units, and the chat bots of {@link QuietService},
 * against a database of its own: one cached context for every class that carries it. A class starts
 * with {@link QuietService#reset}, so the order of classes does not matter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.quartz.auto-startup=false",
      "duban.delivery.dispatcher-enabled=false",
      "duban.delivery.max-attempts=3",
      "duban.delivery.send-timeout=1s",
      "duban.delivery.batch-size=100",
      "duban.units.file=classpath:no-units-here.yml",
      "duban.public-base-url=https://duban.example.gov.cn/",
      // Quartz registers its data source JVM-wide under the scheduler name: a context of another
      // name closing (evicted from the context cache) must not close this one's
      "spring.quartz.properties.org.quartz.scheduler.instanceName=duban-quiet"
    })
@AutoConfigureWebTestClient(timeout = "PT30S")
@ActiveProfiles("test")
@ContextConfiguration(initializers = QuietService.Initializer.class)
@Import({QuietService.Fakes.class, FreshConnections.class})
@ExtendWith(SignInFailuresForgotten.class)
public @interface QuietSpringTest {}
