package io.duban.security;

import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts each test class of a shared context with no sign-in failures remembered: the failures of
 * an earlier class (all from 127.0.0.1) would otherwise lock the next class's sign-ins out. They
 * live in the context's database, so this clears them for every instance on it.
 */
public class SignInFailuresForgotten implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    SpringExtension.getApplicationContext(context)
        .getBeanProvider(SignInThrottle.class)
        .ifAvailable(throttle -> throttle.forgetAll().block(Duration.ofSeconds(30)));
  }
}
