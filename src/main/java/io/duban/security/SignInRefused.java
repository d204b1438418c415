package io.duban.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because its source failed too often; answered 429 with the wait. */
public class SignInRefused extends AuthenticationException {

  private final Duration wait;

  public SignInRefused(Duration wait) {
    super("too many failed sign-ins from this source");
    this.wait = wait;
  }

  public Duration waitFor() {
    return wait;
  }
}
