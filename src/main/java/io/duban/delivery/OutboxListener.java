package io.duban.delivery;

import io.duban.system.DatabaseNotice;
import io.duban.system.DatabaseNotifications;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Hears that any instance queued outbox messages: the table's insert trigger (V19) notifies {@code
 * duban_outbox} at commit, heard on the service's one listening connection ({@link
 * DatabaseNotifications}, shared with the directory's memory), except what this instance queued
 * itself (V36: the notification names the queuing session's connection, and {@link OutboxWakeUp}
 * woke the dispatcher at that commit). Each (re)connection counts as a signal, since notifications
 * sent while it was down are lost (the dispatcher's poll remains the fallback).
 */
@Component
class OutboxListener {

  static final String CHANNEL = DatabaseNotifications.OUTBOX;

  private final DatabaseNotifications notifications;

  OutboxListener(DatabaseNotifications notifications) {
    this.notifications = notifications;
  }

  /** A signal per notification and per (re)connection, until cancelled. */
  Flux<Boolean> signals() {
    return notifications
        .notices()
        .filter(
            n ->
                n instanceof DatabaseNotice.Listening
                    // this instance's own queuing woke it at its commit already: hearing it again
                    // ran a second round that found nothing (0.6 a message at 100 msg/s)
                    || n instanceof DatabaseNotice.Notified notified
                        && CHANNEL.equals(notified.channel())
                        && !notified.here())
        .map(n -> Boolean.TRUE);
  }
}
