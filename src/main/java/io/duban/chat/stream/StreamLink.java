package io.duban.chat.stream;

/** What a connection tells the supervisor of its bot: for metrics, backoff and readiness. */
public interface StreamLink {

  /** The connection is open and subscribed; the backoff starts again from its first step. */
  void connected();

  /** Something arrived from the platform (a message, a heartbeat answer): the link is alive. */
  void received();

  /**
   * The platform says another connection of this bot took over (WeCom displaces the older one): the
   * supervisor stands back for a while instead of fighting for the bot.
   */
  void displaced();
}
