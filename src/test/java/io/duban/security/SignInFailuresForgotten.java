package io.duban.security;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts each test class of a shared context with no sign-in failures remembered: the failures of
 * an earlier class (all from 127.0.0.1) would otherwise lock the next class's sign-ins out.
 */
public class SignInFailuresForgotten implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    SpringExtension.getApplicationContext(context)
        .getBeanProvider(SignInThrottle.class)
        .ifAvailable(SignInThrottle::forgetAll);
  }
}
