package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.duban.plan.PlanItem;
import io.duban.report.ItemStanding;
import io.duban.report.Judgement;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ReportFact;
import io.duban.report.ReportStatus;
import io.duban.report.ReportWeek;
import io.duban.unit.Assignment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Prints the 台账 as a person would (headless LibreOffice to PDF, A4 landscape) and checks from the
 * PDF's text positions that no row runs into the next and that every column is on the page.
 */
class LedgerPrintTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /**
   * A character that starts, and one that ends, every wrapped text of row k: nothing else uses
   * them.
   */
  private static final String STARTS = "甲乙丙丁戊庚辛壬癸子丑寅卯巳午未酉戌亥";

  private static final String ENDS = "鹤鹿龟麟凤鸾鹏雁鸥鹭莺燕鹊鸳鸯鹂鹃雀鸽鹰";
  private static final String FILLER = "推进科技创新平台建设工作，落实重点任务，加强统筹协调和跟踪督办";
  private static final int ROWS = 15;

  @Test
  void printedLedgerRowsDoNotOverlapAndEveryColumnFitsTheA4LandscapeWidth() throws Exception {
    ReportWeek week = ReportWeek.parse("2024-W23");
    LocalDate today = LocalDate.of(2024, 6, 6);
    byte[] xlsx =
        new LedgerWorkbook(ZONE).write(board(week), List.of(), Map.of(), assignments(), today);

    List<Glyph> glyphs = glyphs(pdf(xlsx));

    int pages = glyphs.stream().mapToInt(Glyph::page).max().orElse(0);
    assertThat(pages).as("pages printed").isGreaterThanOrEqualTo(2);
    for (int page = 1; page <= pages; page++) {
      String text = text(glyphs, page);
      if (text.contains("进展报送明细")) {
        continue; // the second sheet, the week's reports
      }
      for (String header : LedgerWorkbook.ITEM_HEADERS) {
        assertThat(text)
            .as("page %d repeats the whole header, every column on it", page)
            .contains(header);
      }
    }
    for (Glyph g : glyphs) {
      assertThat(g.x()).as("left of '%s' on page %d", g.c(), g.page()).isGreaterThanOrEqualTo(14f);
      assertThat(g.x() + g.width())
          .as("right of '%s' on page %d", g.c(), g.page())
          .isLessThanOrEqualTo(g.pageWidth() - 14f);
      assertThat(g.pageWidth()).as("A4 landscape").isBetween(840f, 843f);
    }
    for (int k = 0; k < ROWS; k++) {
      String start = String.valueOf(STARTS.charAt(k));
      String end = String.valueOf(ENDS.charAt(k));
      assertThat(glyphs.stream().filter(g -> g.c().equals(start)).count())
          .as("row %d's three wrapped texts printed whole (none cut off by a row too short)", k + 1)
          .isEqualTo(3);
      assertThat(glyphs.stream().filter(g -> g.c().equals(end)).count()).isEqualTo(3);
    }
    for (int k = 0; k + 1 < ROWS; k++) {
      Glyph lastOfRow = last(glyphs, String.valueOf(ENDS.charAt(k)));
      Glyph firstOfNext = first(glyphs, String.valueOf(STARTS.charAt(k + 1)));
      if (lastOfRow.page() != firstOfNext.page()) {
        continue;
      }
      assertThat(lastOfRow.bottom())
          .as("row %d's last line ends above row %d's first line begins", k + 1, k + 2)
          .isLessThanOrEqualTo(firstOfNext.top());
    }
  }

  private static PlanStanding board(ReportWeek week) {
    List<PlanStanding.Section> sections = new ArrayList<>();
    int k = 0;
    for (int s = 1; s <= 3; s++) {
      PlanItem top =
          new PlanItem(s, 2024, String.valueOf(s), null, "第" + s + "部分重点工作", "", s == 3, s);
      List<ItemStanding> rows = new ArrayList<>();
      int count = s == 3 ? 1 : (ROWS - 1) / 2;
      for (int i = 1; i <= count; i++, k++) {
        String code = s == 3 ? "3" : s + "." + i;
        rows.add(
            row(
                s == 3
                    ? top
                    : new PlanItem(
                        100 + k, 2024, code, top.code(), wrapped(k, 40 + 7 * (k % 4)), "", true, i),
                top.code(),
                k));
      }
      sections.add(new PlanStanding.Section(top, rows));
    }
    return new PlanStanding(week, week.sunday(), 2024, sections);
  }

  private static ItemStanding row(PlanItem item, String section, int k) {
    PlanItem titled =
        item.title().isEmpty() || item.parentCode() == null
            ? new PlanItem(
                item.id(), 2024, item.code(), null, wrapped(k, 45), "", true, item.position())
            : item;
    ReportFact latest =
        new ReportFact(
            k + 1,
            item.code(),
            "platforms",
            "李雷",
            ReportStatus.IN_PROGRESS,
            40,
            wrapped(k, 90 + 25 * (k % 3)),
            null,
            "2024-W23",
            Instant.parse("2024-06-05T02:30:00Z"),
            false);
    return new ItemStanding(
        titled,
        section,
        "platforms",
        "重大平台建设科",
        List.of("规划与法规科", "高新技术发展及产业化科"),
        LocalDate.of(2024, 12, 31),
        latest,
        new Judgement(Light.YELLOW, List.of(wrapped(k, 30 + 10 * (k % 2))), 50, true),
        null);
  }

  private static Map<String, Assignment> assignments() {
    Map<String, Assignment> all = new HashMap<>();
    for (String code : List.of("1.1", "1.2", "1.3", "2.1", "3")) {
      all.put(code, new Assignment(code, "platforms", List.of(), null, List.of(), "李副局长", "张伟"));
    }
    return all;
  }

  /** {@code length} characters of filler between row k's start and end characters. */
  private static String wrapped(int k, int length) {
    StringBuilder text = new StringBuilder().append(STARTS.charAt(k));
    while (text.length() < length - 1) {
      text.append(FILLER, 0, Math.min(FILLER.length(), length - 1 - text.length()));
    }
    return text.append(ENDS.charAt(k)).toString();
  }

  private static byte[] pdf(byte[] xlsx) throws Exception {
    String soffice = soffice();
    Path dir = Files.createTempDirectory("ledger-print");
    try {
      Path sheet = dir.resolve("ledger.xlsx");
      Files.write(sheet, xlsx);
      Process convert =
          new ProcessBuilder(
                  soffice,
                  "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                  "--headless",
                  "--convert-to",
                  "pdf",
                  "--outdir",
                  dir.toString(),
                  sheet.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(convert.getInputStream().readAllBytes());
      assertThat(convert.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
      Path pdf = dir.resolve("ledger.pdf");
      assertThat(pdf).as("soffice wrote a PDF: " + output).exists();
      return Files.readAllBytes(pdf);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** LibreOffice's command, or a failure saying how to install it: CI installs it, never skip. */
  private static String soffice() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("soffice", "libreoffice")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return fail(
        "LedgerPrintTest needs LibreOffice to print the ledger: apt-get install -y"
            + " libreoffice-calc-nogui fonts-noto-cjk (.ci/run installs it)");
  }

  private static List<Glyph> glyphs(byte[] pdf) throws IOException {
    List<Glyph> glyphs = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
              for (TextPosition p : positions) {
                glyphs.add(
                    new Glyph(
                        getCurrentPageNo(),
                        p.getUnicode(),
                        p.getXDirAdj(),
                        p.getYDirAdj(),
                        p.getWidthDirAdj(),
                        p.getHeightDir(),
                        p.getPageWidth()));
              }
            }
          };
      stripper.setSortByPosition(true);
      stripper.getText(document);
    }
    return glyphs;
  }

  private static String text(List<Glyph> glyphs, int page) {
    StringBuilder text = new StringBuilder();
    glyphs.stream().filter(g -> g.page() == page).forEach(g -> text.append(g.c()));
    return text.toString();
  }

  private static Glyph first(List<Glyph> glyphs, String c) {
    return glyphs.stream()
        .filter(g -> g.c().equals(c))
        .min(Comparator.comparingInt(Glyph::page).thenComparing(Glyph::top))
        .orElseThrow();
  }

  private static Glyph last(List<Glyph> glyphs, String c) {
    return glyphs.stream()
        .filter(g -> g.c().equals(c))
        .max(Comparator.comparingInt(Glyph::page).thenComparing(Glyph::bottom))
        .orElseThrow();
  }

  /** One printed character; y is its baseline from the page's top. */
  private record Glyph(
      int page, String c, float x, float y, float width, float height, float pageWidth) {
    float top() {
      return y - height;
    }

    float bottom() {
      // the descent below the baseline is about a fifth of the glyph's height
      return y + height * 0.2f;
    }
  }
}
