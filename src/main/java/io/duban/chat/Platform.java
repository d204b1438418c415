package io.duban.chat;

/** The chat platforms Duban talks to; the lower-case name appears in callback URLs and config. */
public enum Platform {
  WECOM,
  DINGTALK,
  FEISHU,
  GENERIC;

  /** The name used in URLs and configuration keys, e.g. {@code wecom}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
