package io.duban.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The responsibilities sheet is read as a capped stream: a huge sheet is refused cheaply. */
class SheetRowsTest {

  private static final List<Unit> UNITS =
      List.of(new Unit("finance", "科技金融与资源配置科", UnitKind.DEPARTMENT));

  @Test
  void refusesABlankSheetThatInflatesTo400MegabytesAndAHighlyCompressedOneInAHeapOf48Megabytes()
      throws Exception {
    assertThat(LargeSheets.blank(400).length).isLessThan(2 << 20);
    assertThat(LargeSheets.dense(60_000, 20).length).isLessThan(2 << 20);

    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                SheetRowsProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(probe.exitValue()).as(output).isZero();
    assertThat(output.lines())
        .containsExactly("表格解压后超过 32 MB，请删去空行空列或拆分后再导入", "表格超过 5000 行，请拆分后分批导入");
  }

  @Test
  void refusesTooManyColumnsAndTooLongCells() {
    assertThat(outcome(LargeSheets.dense(3, 31)).problems().get(0).message())
        .isEqualTo("第1行超过 30 列");
    byte[] wide =
        LargeSheets.xlsx(
            out ->
                out.write(
                    "<row r=\"1\"><c t=\"inlineStr\"><is><t>"
                        + "长".repeat(2001)
                        + "</t></is></c></row>"));
    assertThat(outcome(wide).problems().get(0).message()).isEqualTo("第1行有单元格超过 2000 个字符");
  }

  @Test
  void refusesWhatIsNotAWorkbook() {
    assertThat(outcome("PK not really".getBytes()).problems().get(0).message())
        .isEqualTo("不是有效的 .xlsx 文件");
    byte[] noSheetData = LargeSheets.xlsx(out -> out.write("<row r=\"1\"><c t=\"s\"><v>7</v></c>"));
    assertThat(outcome(noSheetData).problems().get(0).message()).isEqualTo("不是有效的 .xlsx 文件");
  }

  private static SheetOutcome outcome(byte[] xlsx) {
    return AssignmentSheet.read(xlsx, Set.of("6"), UNITS);
  }
}
