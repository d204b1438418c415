package io.duban.unit;

import io.duban.chat.Platform;

/** A group chat of a unit, reached through one of the configured bots. */
public record GroupChat(
    long id, String unitCode, Platform platform, String botId, String chatId, String name) {}
