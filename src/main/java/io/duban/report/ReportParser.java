package io.duban.report;

import io.duban.report.Understanding.Batch;
import io.duban.report.Understanding.Chatter;
import io.duban.report.Understanding.Command;
import io.duban.report.Understanding.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Understands one chat message against the plan catalogue: command, progress report (item, status,
 * percent) or chatter. Pure and thread-safe; one instance per catalogue version.
 */
final class ReportParser {

  private static final Pattern MENTION = Pattern.compile("(?:@\\S+\\s+)+");
  private static final Pattern LABEL =
      Pattern.compile("(?:【进展】|\\[进展]|【进度】|进展\\s*:|进度\\s*:|进展\\s+)\\s*");
  private static final Pattern LEADING_PUNCTUATION = Pattern.compile("[\\s:：、.,，;；\\-—]+");
  private static final Pattern ACKNOWLEDGEMENT =
      Pattern.compile("^(?:收到|好的|好|ok|谢谢|感谢|辛苦|了解|明白|知道了|嗯|已阅|阅)", Pattern.CASE_INSENSITIVE);

  private static final Pattern GREETING =
      Pattern.compile("^(?:大家|各位)?(?:早|早安|早上好|上午好|中午好|下午好|晚上好|好)[!！~。.啊呀]*$|快乐[!！~。.]*$");

  /** Requests and notices to the group are not reports, whatever items they mention. */
  private static final Pattern REQUEST =
      Pattern.compile(
          "^(?:请|麻烦|明天|下周|各位|大家)|^各[^，,。\\s]{1,8}?(?:请|要|务必|须|于)|请(?:各|大家|抓紧|尽快|及时|务必|按时)");

  private static final Pattern QUESTION = Pattern.compile("[?？吗呢]$|几点|什么时候|哪天|何时|哪里|在哪|哪个|哪些|多少");

  /** A time of day: meeting notices and arrangements, not progress. */
  private static final Pattern CLOCK_TIME =
      Pattern.compile(
          "(?:上午|下午|中午|晚上|早上)\\s*(?:\\d{1,2}|[一二两三四五六七八九十]{1,3})\\s*[点时]|\\d{1,2}[:：]\\d{2}");

  private final ItemCatalogue catalogue;
  private final ItemMatcher matcher;

  ReportParser(List<CatalogueItem> items, MatcherSettings settings) {
    this.catalogue = new ItemCatalogue(items);
    this.matcher =
        new ItemMatcher(catalogue.leaves(), catalogue::sectionTitles, settings, PlanWords.table());
  }

  /** Runs the whole path once so that the analyzer's dictionaries are loaded. */
  void warmUp() {
    parse("科创园展厅设计方案已完成初稿，进度40%", Set.of());
  }

  ItemCatalogue catalogue() {
    return catalogue;
  }

  ItemMatcher matcher() {
    return matcher;
  }

  /**
   * Understands {@code message}.
   *
   * @param unitItems codes the sender's unit leads or supports (empty when unknown)
   */
  Understanding parse(String message, Set<String> unitItems) {
    MessageText text = clean(message);
    if (text.isEmpty()) {
      return new Chatter();
    }
    Optional<CommandReader.Found> command = CommandReader.read(text.folded());
    if (command.isPresent()) {
      MessageText argument =
          text.cut(command.get().argumentStart(), text.folded().length()).strip();
      return command(command.get().kind(), argument, unitItems);
    }
    List<MessageText> lines = text.lines();
    if (lines.size() > 1 && !listUnderHeading(lines)) {
      Optional<Batch> batch = batch(lines, unitItems);
      if (batch.isPresent()) {
        return batch.get();
      }
    }
    Reference reference = reference(text);
    if (reference.code() != null && CommandReader.isSame(reference.rest().folded())) {
      return new Command(CommandKind.SAME, reference.code(), null);
    }
    return report(reference, unitItems).map(r -> (Understanding) r).orElseGet(Chatter::new);
  }

  private Command command(CommandKind kind, MessageText argument, Set<String> unitItems) {
    return switch (kind) {
      case SHOW, CLOSE, REOPEN -> new Command(kind, typedCode(argument), null);
      case ACKNOWLEDGE,
          EXTEND,
          APPROVE_EXTENSION,
          REFUSE_EXTENSION,
          SEND_BACK,
          ASK_CLOSE,
          REVIEW_PASS,
          REVIEW_RETURN ->
          new Command(kind, typedCode(argument), null, argument);
      case ASSIGN -> new Command(kind, null, null, argument);
      case EDIT -> {
        // 修改 replaces the sender's last report: only a typed code moves it to another item,
        // never a guess from the words of the correction.
        Reference reference = reference(argument);
        Report payload = report(reference, unitItems).orElse(null);
        if (payload != null && reference.code() == null) {
          payload =
              new Report(
                  null,
                  payload.status(),
                  payload.percent(),
                  payload.reason(),
                  payload.candidates(),
                  payload.text());
        }
        yield new Command(CommandKind.EDIT, payload == null ? null : payload.itemCode(), payload);
      }
      default -> new Command(kind, null, null);
    };
  }

  /**
   * A message of several lines, at least two of them starting with an item code, read as one report
   * per coded line; uncoded lines continue the report above and a preamble is dropped.
   */
  private Optional<Batch> batch(List<MessageText> lines, Set<String> unitItems) {
    List<Reference> groups = new ArrayList<>();
    for (MessageText line : lines) {
      Reference reference = reference(line);
      if (reference.code() != null || reference.section() != null) {
        groups.add(reference);
      } else if (!groups.isEmpty()) {
        Reference last = groups.remove(groups.size() - 1);
        groups.add(new Reference(last.code(), last.section(), last.rest().join(line, "；")));
      }
    }
    if (groups.size() < 2) {
      return Optional.empty();
    }
    List<Report> reports =
        groups.stream().map(g -> report(g, unitItems)).flatMap(Optional::stream).toList();
    return reports.size() < 2 ? Optional.empty() : Optional.of(new Batch(reports));
  }

  /**
   * True for a numbered list under a heading line without a code ({@code 装备园二期：\n1. 厂房已完工\n2.
   * 设备安装进度70%}): its numbers count points of one report, not plan sections, so the message is read
   * whole and nothing on its later lines is lost.
   */
  private boolean listUnderHeading(List<MessageText> lines) {
    Reference first = reference(lines.get(0));
    return first.code() == null
        && first.section() == null
        && lines.stream().skip(1).anyMatch(line -> reference(line).section() != null);
  }

  /** The report in {@code reference}'s text, or empty when it reads as chatter. */
  private Optional<Report> report(Reference reference, Set<String> unitItems) {
    MessageText rest = reference.rest();
    String body = rest.folded();
    Integer percent = PercentReader.read(body);
    StatusReader.Reading reading = StatusReader.read(body, percent);
    if (reading.status() == ReportStatus.DONE && percent == null) {
      percent = 100;
    }
    String reason = reading.status() == ReportStatus.BLOCKED ? rest.typed() : null;
    if (reference.code() != null) {
      return Optional.of(
          new Report(reference.code(), reading.status(), percent, reason, List.of(), rest.typed()));
    }
    List<String> within =
        reference.section() == null ? List.of() : catalogue.leavesUnder(reference.section());
    boolean stated = percent != null || reading.status() != ReportStatus.IN_PROGRESS;
    boolean bare = reference.section() == null && !stated;
    if (reference.section() == null && QUESTION.matcher(body).find()) {
      return Optional.empty();
    }
    if (bare && talk(body)) {
      return Optional.empty();
    }
    ItemMatcher.Match match = matcher.match(body, unitItems, within);
    // A message that matches an item and is not talk is a report: asked about, never dropped.
    if (bare && match.chosen() == null && !strong(match)) {
      return Optional.empty();
    }
    List<Candidate> candidates = match.candidates();
    if (candidates.isEmpty() && !within.isEmpty()) {
      candidates =
          within.stream()
              .map(code -> new Candidate(code, catalogue.item(code).orElseThrow().title(), 0))
              .toList();
    }
    return Optional.of(
        new Report(match.chosen(), reading.status(), percent, reason, candidates, rest.typed()));
  }

  /** The item code named in {@code text}, as resolved in the catalogue or else as typed. */
  private String typedCode(MessageText text) {
    Reference reference = reference(text);
    if (reference.code() != null) {
      return reference.code();
    }
    return ItemCodeReader.read(text.folded()).map(ItemCodeReader.Mention::code).orElse(null);
  }

  /** True when the best candidate is a real match, not an incidental shared word. */
  private boolean strong(ItemMatcher.Match match) {
    return !match.candidates().isEmpty()
        && match.candidates().get(0).score() >= matcher.calibration().minScore();
  }

  /** Acknowledgements, greetings, requests to the group and arrangements of meetings. */
  private static boolean talk(String body) {
    return ACKNOWLEDGEMENT.matcher(body).find()
        || GREETING.matcher(body).find()
        || REQUEST.matcher(body).find()
        || CLOCK_TIME.matcher(body).find();
  }

  /** The item a text names, if any, and the text without the reference. */
  private record Reference(String code, String section, MessageText rest) {}

  private Reference reference(MessageText text) {
    Optional<ItemCodeReader.Mention> mention = ItemCodeReader.read(text.folded());
    Optional<CatalogueItem> item = mention.flatMap(m -> catalogue.resolveTyped(m.code()));
    if (item.isEmpty()) {
      return new Reference(null, null, text);
    }
    ItemCodeReader.Mention m = mention.get();
    MessageText rest = text.without(m.start(), m.end()).dropPrefix(LEADING_PUNCTUATION);
    CatalogueItem found = item.get();
    return found.leaf()
        ? new Reference(found.code(), null, rest)
        : new Reference(null, found.code(), rest);
  }

  /** The message without the bot mention and a 进展 label, full-width forms folded. */
  static MessageText clean(String message) {
    return MessageText.of(message).dropPrefix(MENTION).dropPrefix(LABEL);
  }
}
