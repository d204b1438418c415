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
 * The whole service on a random port, over real HTTP, against this test run's own PostgreSQL
 * database (see {@link TestDatabase}), with the {@code test} profile's tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@ExtendWith({ThreadDumpOnTimeout.class, SignInFailuresForgotten.class})
@Import({FreshConnections.class, InFlightRequests.class})
public @interface DubanSpringTest {}
