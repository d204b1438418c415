package io.duban.delivery;

/**
 * A platform did not take a message. {@code retryable} failures (network, 5xx, rate limits, busy)
 * are tried again later; the others (bad credentials, bad request) go DEAD at once.
 */
final class SendFailure extends RuntimeException {

  private final boolean retryable;

  SendFailure(boolean retryable, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  static SendFailure retryable(String message) {
    return new SendFailure(true, message);
  }

  static SendFailure permanent(String message) {
    return new SendFailure(false, message);
  }

  boolean retryable() {
    return retryable;
  }
}
