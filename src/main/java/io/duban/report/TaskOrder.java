package io.duban.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads what a leader's 交办 says: the units (lead first; one marked 配合/协办 supports), the due date
 * ({@link DueDates}) and the work, in the orders people write them: {@code 规划与法规科 12月15日前 报送……},
 * {@code 规划与法规科、办公室配合，下周五前完成……}, {@code 12月15日前 规划与法规科 报送……}, {@code 规划与法规科 报送…… 12月15日前}. Which
 * words are units is decided by {@code isUnit}.
 *
 * @param lead the lead unit as written, or null when none was recognised
 * @param supports supporting units as written
 * @param due the due date, or null when none was written
 * @param content the work to be done, or blank
 */
record TaskOrder(String lead, List<String> supports, LocalDate due, String content) {

  private static final Pattern WORD = Pattern.compile("[^、，,；;\\s]+");
  private static final Pattern LEAD_MARK = Pattern.compile("(?:牵头|负责|主办|承办)$");
  private static final Pattern SUPPORT_MARK = Pattern.compile("^(?:配合|协办)[:：]?|(?:配合|协办)$");
  private static final Pattern DUE_WORDS = Pattern.compile("^(?:于|在|请于|务必于|须于)$");

  static TaskOrder read(String text, LocalDate today, Predicate<String> isUnit) {
    Optional<DueDates.Found> found = DueDates.find(text, today);
    LocalDate due = found.map(DueDates.Found::date).orElse(null);
    String before = found.map(f -> text.substring(0, f.start())).orElse(text);
    String after = found.map(f -> text.substring(f.end())).orElse("");
    String rest = (before.strip() + " " + after.strip()).strip();
    java.util.regex.Matcher word = WORD.matcher(rest);
    String lead = null;
    List<String> supports = new ArrayList<>();
    int contentStart = 0;
    // the units come first, each its own word
    while (word.find()) {
      String token = word.group();
      boolean support = SUPPORT_MARK.matcher(token).find();
      String name = SUPPORT_MARK.matcher(LEAD_MARK.matcher(token).replaceAll("")).replaceAll("");
      if (DUE_WORDS.matcher(token).matches() || (name.isEmpty() && support)) {
        contentStart = word.end();
        continue;
      }
      if (!isUnit.test(name)) {
        break;
      }
      if (lead == null && !support) {
        lead = name;
      } else {
        supports.add(name);
      }
      contentStart = word.end();
    }
    if (lead == null && !supports.isEmpty()) {
      lead = supports.remove(0);
    }
    String content =
        rest.substring(contentStart)
            .replaceFirst("^[、，,；;\\s]*(?:前完成|完成)?\\s*[:：]?\\s*", "")
            .strip();
    return new TaskOrder(lead, List.copyOf(supports), due, content);
  }
}
