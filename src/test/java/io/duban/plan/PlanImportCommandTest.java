package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    Path log = dir.resolve("cli.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    classPath,
                    "io.duban.DubanApplication",
                    "import-plan",
                    document.toString(),
                    "--duban.db.url=" + database,
                    "--duban.db.user=" + TestDatabase.user(),
                    "--logging.structured.format.console="))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
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
}
