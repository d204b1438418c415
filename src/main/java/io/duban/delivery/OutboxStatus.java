package io.duban.delivery;

/** Where an outbox message is in its life. */
public enum OutboxStatus {
  /** Waiting for its next attempt. */
  PENDING,
  /** Claimed by one instance, being sent. */
  SENDING,
  /** The platform took it. */
  SENT,
  /** Given up after the last attempt or a permanent failure; an admin may redrive it. */
  DEAD
}
