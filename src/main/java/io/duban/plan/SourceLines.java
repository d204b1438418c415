package io.duban.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a document's text into {@link SourceLine}s: spaces normalised, invisible characters and
 * the furniture of a web page (navigation, font size and print buttons, publishing metadata, share
 * links) dropped, blank lines kept as paragraph ends.
 */
final class SourceLines {

  private static final Pattern NAVIGATION =
      Pattern.compile("^(当前位置|您的位置|您现在的位置|位置)\\s*[:：>＞»].*|.*首页\\s*[>＞»›].*");
  private static final Pattern FURNITURE_WORD =
      Pattern.compile(
          "打印|关闭|打印本页|关闭窗口|收藏|我的收藏|分享|分享到|字号|字体|大|中|小|默认|返回顶部|返回|无障碍|"
              + "无障碍浏览|长者模式|长者助手|关怀版|扫一扫|上一篇|下一篇|繁体|简体|English|【|】|:|：|\\||");
  private static final Pattern METADATA =
      Pattern.compile(
          "(发布时间|发布日期|发文日期|成文日期|生成日期|信息来源|来源|浏览次数|阅读次数|浏览量|点击量|点击数|访问量|"
              + "索引号|发文字号|文号|发文机关|发文机构|发布机构|主题分类|体裁分类|组配分类|信息分类|公开方式|公开范围|"
              + "有效性|有\\s*效\\s*性|主题词|作者|编辑|责任编辑|文章来源|字体大小)\\s*[:：|]");
  private static final Pattern STRONG_METADATA = Pattern.compile("(浏览次数|阅读次数|点击量|点击数|访问量)\\s*[:：]");
  private static final Pattern TRAILER =
      Pattern.compile("^(扫一扫.*|分享到.*|[（(]此件(公开发布|主动公开|不公开)[）)]|【?打印本页】?.*|相关(链接|附件|文章)[:：]?)$");

  private SourceLines() {}

  /** The lines of {@code text}, web-page furniture removed. */
  static List<SourceLine> of(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] raw = body.split("\\r\\n|\\r|\\n|\\f", -1);
    List<SourceLine> lines = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      String line = normalise(raw[i]);
      lines.add(new SourceLine(i + 1, furniture(line) ? "" : line));
    }
    return lines;
  }

  /**
   * Spaces of every width as one kind, zero-width characters gone, tabs kept: they part table
   * cells.
   */
  static String normalise(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (char c : line.toCharArray()) {
      if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD') {
        continue;
      }
      if (c == '\u3000' || c == '\u00A0' || c == '\u2002' || c == '\u2003' || c == '\u2009') {
        out.append(' ');
      } else if (c < ' ' && c != '\t') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    String text = out.toString();
    return text.replace('\t', ' ').isBlank() ? "" : stripSpaces(text);
  }

  /** True for a line that is part of the web page around a document, not of the document. */
  static boolean furniture(String line) {
    if (line.isEmpty() || line.matches("[|｜\\s]+")) {
      return false;
    }
    if (NAVIGATION.matcher(line).matches() || TRAILER.matcher(line).matches()) {
      return true;
    }
    if (STRONG_METADATA.matcher(line).find()) {
      return true;
    }
    var metadata = METADATA.matcher(line);
    if (metadata.lookingAt() || (metadata.find() && metadata.find())) {
      return true;
    }
    for (String word : line.split("[\\s|｜【】\\[\\]]+")) {
      if (!word.isEmpty() && !FURNITURE_WORD.matcher(word).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String stripSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(start, end);
  }
}
