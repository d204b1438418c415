package io.duban.bulletin;

import io.duban.chat.OutboundMessage;
import io.duban.unit.GroupChat;

/** The 通报 to one group: the file itself, or a link to it; once per group and period. */
public record BulletinMessage(GroupChat group, OutboundMessage message, String dedupeKey) {}
