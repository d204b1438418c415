package io.duban.chat;

import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * How one platform's API answers, and the failures its sender reports in that platform's name: the
 * JSON field holding the result code (0 = success) and the one holding its message, and the codes
 * that mean "busy, try later". Every sender checks its answers through one of these.
 *
 * @param platform the platform's name as failures show it, e.g. {@code WeCom}
 * @param codeField the result code's field, e.g. {@code errcode}
 * @param messageField the result message's field, e.g. {@code errmsg}
 * @param busy result codes worth another attempt later (system busy, rate limits without a window
 *     to wait for)
 * @param rateLimited result codes saying the bucket's window is full (WeCom 45009): the message
 *     waits for the window to free without counting an attempt
 */
public record PlatformAnswers(
    String platform,
    String codeField,
    String messageField,
    Set<Integer> busy,
    Set<Integer> rateLimited) {

  public PlatformAnswers {
    busy = Set.copyOf(busy);
    rateLimited = Set.copyOf(rateLimited);
  }

  /** A platform without a code that names a full window. */
  public PlatformAnswers(
      String platform, String codeField, String messageField, Set<Integer> busy) {
    this(platform, codeField, messageField, busy, Set.of());
  }

  /** A permanent failure: the bot lacks the configuration a channel needs. */
  public <T> Mono<T> missing(String botId, String what) {
    return Mono.error(SendFailure.permanent(platform + " bot " + botId + " has no " + what));
  }

  /** The answer's result code, 0 when it has none. */
  public int code(PlatformHttp.Response answer) {
    return answer.body().path(codeField).asInt(0);
  }

  /** Completes when the platform took the message (HTTP 2xx and code 0), else fails. */
  public Mono<Void> check(PlatformHttp.Response answer, String what) {
    return answer.ok() && code(answer) == 0 ? Mono.empty() : Mono.error(failure(answer, what));
  }

  /**
   * The failure an answer stands for: rate limited when its code says the window is full, retryable
   * when it means busy, else permanent.
   */
  public SendFailure failure(PlatformHttp.Response answer, String what) {
    int code = code(answer);
    String text =
        platform
            + " "
            + what
            + " failed: HTTP "
            + answer.status()
            + " "
            + codeField
            + " "
            + code
            + " "
            + answer.body().path(messageField).asString("");
    if (rateLimited.contains(code)) {
      return SendFailure.rateLimited(text);
    }
    return busy.contains(code) ? SendFailure.retryable(text) : SendFailure.permanent(text);
  }
}
