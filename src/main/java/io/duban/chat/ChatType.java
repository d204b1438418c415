package io.duban.chat;

/** Whether a message was said in a group chat or in a one-to-one chat with the bot. */
public enum ChatType {
  GROUP,
  SINGLE
}
