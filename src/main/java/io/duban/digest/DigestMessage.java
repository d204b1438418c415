package io.duban.digest;

import io.duban.chat.OutboundMessage;
import io.duban.unit.GroupChat;

/** One message of the weekly digest for one group chat, with its once-only outbox key. */
public record DigestMessage(GroupChat group, OutboundMessage message, String dedupeKey) {}
