package io.duban.chat;

/**
 * A platform did not take a message. {@code retryable} failures (network, 5xx, rate limits, busy)
 * are tried again later; the others (bad credentials, bad request) go DEAD at once. An {@code
 * elsewhere} failure is not the platform's: only another instance can send the message now (it
 * holds the bot's long connection), so it is tried again soon without counting as an attempt. A
 * {@code rateLimited} failure is the platform saying the bucket's window is full (WeCom 45009): the
 * message waits for the window to free, again without counting as an attempt. The message never
 * contains a credential.
 */
public final class SendFailure extends RuntimeException {

  private final boolean retryable;
  private final boolean elsewhere;
  private final boolean rateLimited;

  private SendFailure(boolean retryable, boolean elsewhere, boolean rateLimited, String message) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.elsewhere = elsewhere;
    this.rateLimited = rateLimited;
  }

  public static SendFailure retryable(String message) {
    return new SendFailure(true, false, false, message);
  }

  public static SendFailure permanent(String message) {
    return new SendFailure(false, false, false, message);
  }

  /** Only the instance holding the bot's long connection can send it: not an attempt. */
  public static SendFailure elsewhere(String message) {
    return new SendFailure(true, true, false, message);
  }

  /** The platform refused it because the bucket's window is full: not an attempt. */
  public static SendFailure rateLimited(String message) {
    return new SendFailure(true, false, true, message);
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean elsewhere() {
    return elsewhere;
  }

  public boolean rateLimited() {
    return rateLimited;
  }
}
