package io.duban;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module graph: each feature package is a Spring Modulith module, the graph has no cycle, no
 * feature reaches into another's internals, and each table is read and written by its owner only.
 */
class ArchitectureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(DubanApplication.class);

  /** Who owns each table: only that package's SQL may name it. */
  static final Map<String, String> TABLE_OWNERS =
      Map.ofEntries(
          Map.entry("plan", "plan"),
          Map.entry("plan_item", "plan"),
          Map.entry("plan_draft", "plan"),
          Map.entry("plan_item_alias", "plan"),
          Map.entry("unit", "unit"),
          Map.entry("contact", "unit"),
          Map.entry("group_chat", "unit"),
          Map.entry("assignment", "unit"),
          Map.entry("assignment_support", "unit"),
          Map.entry("milestone", "unit"),
          Map.entry("item_acknowledgement", "unit"),
          Map.entry("inbound_message", "chat"),
          Map.entry("evidence", "evidence"),
          Map.entry("evidence_content", "evidence"),
          Map.entry("callback_signature", "chat"),
          Map.entry("stream_lease", "chat"),
          Map.entry("progress_report", "report"),
          Map.entry("report_clarification", "report"),
          Map.entry("report_handled_message", "report"),
          Map.entry("item_closing", "report"),
          Map.entry("item_closing_audit", "report"),
          Map.entry("item_step", "report"),
          Map.entry("task_draft", "report"),
          Map.entry("outbox_message", "delivery"),
          Map.entry("delivery_bucket", "delivery"),
          Map.entry("schedule", "schedule"),
          Map.entry("schedule_fire", "schedule"),
          Map.entry("digest_chart", "digest"),
          Map.entry("bulletin_issue", "bulletin"),
          Map.entry("admin_audit", "security"),
          Map.entry("account", "security"),
          Map.entry("account_identity", "security"),
          Map.entry("api_token", "security"),
          Map.entry("web_session", "security"),
          Map.entry("demo_load", "demo"));

  static final Pattern TABLE_USE =
      Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");

  /** Java string literals and text blocks, where SQL lives (comments are left out). */
  static final Pattern STRING_LITERAL =
      Pattern.compile("\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"");

  @Test
  void modulesFormAOneWayGraphAndUseEachOthersPublicTypesOnly() {
    MODULES.verify();
  }

  @Test
  void eachTableIsNamedOnlyByTheFeatureThatOwnsIt() throws IOException {
    Path root = Path.of("src/main/java/io/duban");
    List<String> trespasses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        String feature = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        StringBuilder sql = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
        while (literal.find()) {
          sql.append(literal.group().replace("\"", "")).append(' ');
        }
        Matcher m = TABLE_USE.matcher(sql);
        while (m.find()) {
          String table = m.group(1).toLowerCase(Locale.ROOT);
          String owner = TABLE_OWNERS.get(table);
          if (owner != null && !owner.equals(feature)) {
            trespasses.add(relative + " names " + table + " (owned by " + owner + ")");
          }
        }
      }
    }
    assertThat(trespasses).isEmpty();
  }
}
