package io.duban.chat;

/**
 * A platform did not take a message. {@code retryable} failures (network, 5xx, rate limits, busy)
 * are tried again later; the others (bad credentials, bad request) go DEAD at once. The message
 * never contains a credential.
 */
public final class SendFailure extends RuntimeException {

  private final boolean retryable;

  private SendFailure(boolean retryable, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  public static SendFailure retryable(String message) {
    return new SendFailure(true, message);
  }

  public static SendFailure permanent(String message) {
    return new SendFailure(false, message);
  }

  public boolean retryable() {
    return retryable;
  }
}
