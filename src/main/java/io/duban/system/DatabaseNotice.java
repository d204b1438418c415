package io.duban.system;

/** What the service's one listening connection hears ({@link DatabaseNotifications}). */
public sealed interface DatabaseNotice {

  /**
   * The connection listens (again): notifications sent while it was down are lost, so whoever keeps
   * something in memory on their strength forgets it.
   */
  record Listening() implements DatabaseNotice {}

  /**
   * A notification on {@code channel}; {@code payload} is what the notifier sent (may be empty);
   * {@code here} when the payload is this instance's connection name (the outbox's notifications
   * carry the notifying session's, V36): this instance already knows what it wrote.
   */
  record Notified(String channel, String payload, boolean here) implements DatabaseNotice {

    public Notified(String channel, String payload) {
      this(channel, payload, false);
    }
  }
}
