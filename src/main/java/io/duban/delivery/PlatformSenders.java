package io.duban.delivery;

import io.duban.chat.Platform;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The sender of each platform. */
final class PlatformSenders {

  private final Map<Platform, PlatformSender> byPlatform = new EnumMap<>(Platform.class);

  PlatformSenders(List<PlatformSender> senders) {
    senders.forEach(s -> byPlatform.put(s.platform(), s));
  }

  /** The sender of {@code platform}, or null when none is wired. */
  PlatformSender get(Platform platform) {
    return byPlatform.get(platform);
  }
}
