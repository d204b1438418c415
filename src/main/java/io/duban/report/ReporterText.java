package io.duban.report;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The one way a string a reporter typed (a report's text, a 受阻 reason, a sender's display name) is
 * placed into a message others read: flattened to one line, stripped of platform mention syntax,
 * cut, and quoted, so it reads as data and can never add lines, headings or @-mentions of its own
 * to a digest, reminder, escalation or leaders' notice.
 */
public final class ReporterText {

  /** Line and paragraph breaks of every kind, other control and invisible format characters. */
  private static final Pattern BREAKS_AND_CONTROLS =
      Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

  /** Feishu {@code <at user_id="all">所有人</at>}, Slack-style {@code <@all>}, {@code <!here>}. */
  private static final Pattern TAG_MENTION =
      Pattern.compile("(?i)<\\s*at\\b[^>]*>(.*?)<\\s*/\\s*at\\s*>|<\\s*[@!][^>]*>");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private ReporterText() {}

  /** {@code text} flattened and cut to {@code max} characters (code points), not quoted. */
  public static String flat(String text, int max) {
    if (text == null) {
      return "";
    }
    String t = Normalizer.normalize(text, Normalizer.Form.NFC);
    t = TAG_MENTION.matcher(t).replaceAll(m -> m.group(1) == null ? "" : m.group(1));
    t = BREAKS_AND_CONTROLS.matcher(t).replaceAll(" ");
    // any @ left would let a platform read a mention (@all, @所有人); the full-width one reads alike
    t = t.replace('@', '＠').replace('<', '‹').replace('>', '›');
    t = SPACES.matcher(t).replaceAll(" ").strip();
    if (t.codePointCount(0, t.length()) <= max) {
      return t;
    }
    return t.substring(0, t.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
  }

  /** {@code text} flattened, cut to {@code max} characters and set in Chinese quotes. */
  public static String quoted(String text, int max) {
    return "“" + flat(text, max).replace('“', '「').replace('”', '」') + "”";
  }
}
