package io.duban.schedule;

import io.duban.chat.OutboundMessage;
import io.duban.unit.GroupChat;

/** One message a scheduled run wants in one group chat, with its once-only key. */
record Dispatch(GroupChat group, OutboundMessage message, String dedupeKey) {}
