package io.duban.system;

/** What the service's one listening connection hears ({@link DatabaseNotifications}). */
public sealed interface DatabaseNotice {

  /**
   * The connection listens (again): notifications sent while it was down are lost, so whoever keeps
   * something in memory on their strength forgets it.
   */
  record Listening() implements DatabaseNotice {}

  /**
   * A notification on {@code channel}; {@code payload} is what the notifier sent (may be empty).
   */
  record Notified(String channel, String payload) implements DatabaseNotice {}
}
