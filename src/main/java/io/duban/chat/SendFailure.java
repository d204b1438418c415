package io.duban.chat;

/**
 * A platform did not take a message. {@code retryable} failures (network, 5xx, rate limits, busy)
 * are tried again later; the others (bad credentials, bad request) go DEAD at once. An {@code
 * elsewhere} failure is not the platform's: only another instance can send the message now (it
 * holds the bot's long connection), so it is tried again soon without counting as an attempt. The
 * message never contains a credential.
 */
public final class SendFailure extends RuntimeException {

  private final boolean retryable;
  private final boolean elsewhere;

  private SendFailure(boolean retryable, boolean elsewhere, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.elsewhere = elsewhere;
  }

  public static SendFailure retryable(String message) {
    return new SendFailure(true, false, message);
  }

  public static SendFailure permanent(String message) {
    return new SendFailure(false, false, message);
  }

  /** Only the instance holding the bot's long connection can send it: not an attempt. */
  public static SendFailure elsewhere(String message) {
    return new SendFailure(true, true, message);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean elsewhere() {
    return elsewhere;
  }
}
