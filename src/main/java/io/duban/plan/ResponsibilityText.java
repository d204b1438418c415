package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads responsibilities written as text: labelled lines ({@code 牵头单位：区发改局}, {@code 责任单位：A、B牵头，C}),
 * a labelled parenthesis closing an item ({@code （责任科室：组干科、机关党委）}, {@code （市科技局牵头，各镇街配合）}), and the
 * cells of a 任务分解表.
 */
final class ResponsibilityText {

  private static final String LEAD = "牵头责任单位|牵头单位|牵头部门|牵头科室|主要责任单位|主责单位|主办单位|承办单位";
  private static final String RESPONSIBLE = "责任单位|责任部门|责任科室|责任处室|责任主体";
  private static final String SUPPORT = "协同配合单位|配合单位|配合部门|配合科室|协同单位|协办单位|参与单位|协助单位";
  private static final String LEADER = "责任领导|牵头领导|分管领导|分管[县市区]领导|联系领导|包抓领导|责任人|牵头人";
  private static final String DEADLINE = "完成时限|完成时间|完成期限|时间节点|时限要求|时限|进度安排";
  private static final Pattern LABEL =
      Pattern.compile(
          "("
              + LEAD
              + "|"
              + RESPONSIBLE
              + "|"
              + SUPPORT
              + "|"
              + LEADER
              + "|"
              + DEADLINE
              + ")\\s*[:：]");
  private static final Pattern TRAILING =
      Pattern.compile("[（(]([^（()）]*(?:[:：]|牵头|配合)[^（()）]*)[）)]\\s*[。；;]?\\s*$");

  private ResponsibilityText() {}

  /**
   * The responsibility a labelled line states, or null when the line does not start with a label.
   */
  static Responsibility ofLine(String line) {
    Matcher m = LABEL.matcher(line);
    return m.lookingAt() ? labelled(line) : null;
  }

  /**
   * The labelled parenthesis that closes {@code text} taken out of it, or null when there is none.
   */
  static Trailing trailing(String text) {
    Matcher m = TRAILING.matcher(text);
    if (!m.find()) {
      return null;
    }
    String inside = m.group(1).strip();
    Responsibility found =
        LABEL.matcher(inside).lookingAt() ? labelled(inside) : units(inside, Role.LEAD);
    if (found.isEmpty()) {
      return null;
    }
    String rest = text.substring(0, m.start()).strip();
    return new Trailing(rest, found);
  }

  /** A text without its closing responsibility, and that responsibility. */
  record Trailing(String text, Responsibility responsibility) {}

  /** The part a unit list plays. */
  enum Role {
    LEAD,
    RESPONSIBLE,
    SUPPORT
  }

  /** Reads a list of units; {@code A、B牵头，C配合} says itself who leads. */
  static Responsibility units(String cell, Role role) {
    if (cell == null || cell.isBlank()) {
      return Responsibility.NONE;
    }
    String text = cell.strip();
    int leads = text.indexOf("牵头");
    if (leads > 0) {
      List<String> first = names(text.substring(0, leads));
      List<String> rest = names(text.substring(leads + 2).replace("配合", "、"));
      return fromNames(first, rest);
    }
    List<String> names = names(text.replace("配合", "、"));
    if (role == Role.SUPPORT) {
      return new Responsibility(null, names, null, null);
    }
    return fromNames(names, List.of());
  }

  static String leader(String cell) {
    String text = cell == null ? "" : cell.replaceAll("\\s+", "").strip();
    return text.isEmpty() ? null : text;
  }

  static String deadline(String cell) {
    String text = cell == null ? "" : cell.strip();
    return text.isEmpty() ? null : text;
  }

  private static Responsibility labelled(String text) {
    Matcher m = LABEL.matcher(text);
    List<int[]> found = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    while (m.find()) {
      found.add(new int[] {m.start(), m.end()});
      labels.add(m.group(1));
    }
    boolean hasLead = labels.stream().anyMatch(l -> l.matches(LEAD));
    Responsibility result = Responsibility.NONE;
    for (int i = 0; i < found.size(); i++) {
      int end = i + 1 < found.size() ? found.get(i + 1)[0] : text.length();
      String value = text.substring(found.get(i)[1], end).strip().replaceAll("[；;，,。]+$", "");
      String label = labels.get(i);
      Responsibility part;
      if (label.matches(LEAD)) {
        part = units(value, Role.LEAD);
      } else if (label.matches(RESPONSIBLE)) {
        part = units(value, hasLead ? Role.SUPPORT : Role.RESPONSIBLE);
      } else if (label.matches(SUPPORT)) {
        part = units(value, Role.SUPPORT);
      } else if (label.matches(LEADER)) {
        part = new Responsibility(null, List.of(), leader(value), null);
      } else {
        part = new Responsibility(null, List.of(), null, deadline(value));
      }
      result = result.and(part);
    }
    return result;
  }

  private static Responsibility fromNames(List<String> leads, List<String> others) {
    if (leads.isEmpty()) {
      return new Responsibility(null, others, null, null);
    }
    List<String> supports = new ArrayList<>(leads.subList(1, leads.size()));
    supports.addAll(others);
    return new Responsibility(leads.get(0), supports, null, null);
  }

  /** Unit names of a list: separators split, inner spaces and closing 等/负责 dropped. */
  static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    for (String part : split(text)) {
      String name =
          part.replaceAll("\\s+", "")
              .replaceAll("(按职责分工)?(负责|落实|参与|配合)$", "")
              .replaceAll("等$", "")
              .strip();
      if (!name.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Splits at list separators outside parentheses: 各县（市、区）政府 stays one name. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (char c : text.toCharArray()) {
      if (c == '（' || c == '(') {
        depth++;
      } else if ((c == '）' || c == ')') && depth > 0) {
        depth--;
      }
      if (depth == 0 && "、，,；;/／\n".indexOf(c) >= 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
