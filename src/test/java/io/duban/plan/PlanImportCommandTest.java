package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar duban.jar import-plan FILE} imports into the configured database and exits. */
class PlanImportCommandTest {

  @TempDir Path dir;

  @Test
  void importsADocumentFromTheCommandLineWithoutAWebServer() throws Exception {
    String database = TestDatabase.createAnother("cli");
    Path document = dir.resolve("plan-2025.txt");
    Files.writeString(
        document,
        "某市科技局2025年工作要点\n（一）推进平台建设\n一是建设实验室。\n二是引进团队。\n（二）优化服务\n持续优化政务服务。\n",
        StandardCharsets.UTF_8);
    Path log = dir.resolve("cli.log");
    Process process = importPlan(log, document.toString(), database);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("Imported plan 2025").contains("leaves 1.1 1.2 2");
    try (var c = DriverManager.getConnection("jdbc:" + database, TestDatabase.user(), "");
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select p.year, count(*) from plan p join plan_item i on i.plan_id = p.id group by 1")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(2025);
      assertThat(rows.getInt(2)).isEqualTo(4);
      assertThat(rows.next()).as("only the imported plan, no seed").isFalse();
    }
  }

  @Test
  void importsAWordDocumentWithTheYearGivenAndPrintsTheWarnings() throws Exception {
    String database = TestDatabase.createAnother("clidocx");
    Path document = dir.resolve("要点.docx");
    Files.write(
        document,
        PlanDocumentWriter.document(
            PlanCorpusTest.DIR.resolve("14-jyj-word-auto-numbering.docx.txt")));
    Path log = dir.resolve("cli-docx.log");
    Process process = importPlan(log, document.toString(), database, "2027");
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log))
        .contains("Imported plan 2027 (临江市教育局2025年工作要点): 8 items, leaves 1.1.1 1.1.2 2.1 2.2.1")
        .contains("Warning: 第9行：“（一）深化中考改革”下没有任务");
  }

  private static Process importPlan(Path log, String... arguments) throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "io.duban.DubanApplication",
                "import-plan",
                arguments[0]));
    command.addAll(Arrays.asList(arguments).subList(2, arguments.length));
    command.add("--duban.db.url=" + arguments[1]);
    command.add("--duban.db.user=" + TestDatabase.user());
    command.add("--logging.structured.format.console=");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
