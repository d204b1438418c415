package io.duban.chat;

/** Where a stored inbound message is in its hand-over to the {@link InboundMessageHandler}s. */
enum ProcessingStatus {
  /** Stored, not yet handled (or due for another attempt). */
  RECEIVED,
  /** Every handler completed. */
  PROCESSED,
  /** Handlers kept failing; given up after the last attempt. */
  FAILED
}
