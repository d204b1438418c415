package io.duban.report;

/**
 * The traffic light an item shows on the board, in the ledger and in the digest chart, worst last.
 */
public enum Light {
  CLOSED("已办结", "closed"),
  GREEN("正常", "green"),
  YELLOW("关注", "yellow"),
  RED("预警", "red");

  private final String label;
  private final String css;

  Light(String label, String css) {
    this.label = label;
    this.css = css;
  }

  public String label() {
    return label;
  }

  public String css() {
    return css;
  }

  Light worse(Light other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
