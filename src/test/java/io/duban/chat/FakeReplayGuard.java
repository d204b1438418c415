package io.duban.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** A replay guard for callback slice tests: remembers every signature with its body, in memory. */
public final class FakeReplayGuard implements ReplayGuard {

  private final Map<String, byte[]> seen = new HashMap<>();

  @Override
  public synchronized Mono<Void> once(
      Platform platform,
      String botId,
      String signature,
      byte[] body,
      Instant sentAt,
      Duration window) {
    byte[] first = seen.putIfAbsent(platform + "/" + botId + "/" + signature, body.clone());
    if (first == null || Arrays.equals(first, body)) {
      return Mono.empty();
    }
    return Mono.error(
        new CallbackRejected(CallbackRejected.Reason.REPLAYED, "signature already used"));
  }

  public synchronized void clear() {
    seen.clear();
  }
}
