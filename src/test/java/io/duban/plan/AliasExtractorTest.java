package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The aliases read from plan documents, on the seed and on test documents shaped like real ones.
 */
class AliasExtractorTest {

  private final PlanDocumentParser parser = new PlanDocumentParser();

  @Test
  void theSeedGivesInstitutionsTheirShortNamesWhereTheDocumentWritesThem() throws IOException {
    Map<String, List<String>> aliases =
        parser.read(PlanDocumentParserTest.seed(), null, "seed").aliases();

    // the summary writes 中山药创院 for 中科中山药物创新研究院, named in 1.2 only
    assertThat(aliases.get("1.2")).contains("药创院");
    assertThat(aliases.get("4.1")).contains("港中大", "香港科创+中山制造");
    // the base as the document also writes it, without the city; quoted programme names
    assertThat(aliases.get("1.3")).contains("健康科技产业基地", "国家健康基地");
    // 中山科技创新园 is never written without the city: its bare name would only add generic words
    assertThat(aliases.getOrDefault("1.1", List.of())).doesNotContain("科技创新园");
    assertThat(aliases.get("2")).contains("百人进千企", "十大舰队");
    assertThat(aliases.get("3")).contains("送政策进企业");
    // 低温院 stands for the low-temperature institute, which 1.1 and 1.2 both name: dropped
    assertThat(aliases.values()).noneMatch(list -> list.contains("低温院"));
    assertThat(aliases.values())
        .noneMatch(list -> list.contains("科技园") || list.contains("中科院") || list.contains("低温"));
  }

  @Test
  void withoutTheSummaryOnlyWhatThePlanPartWritesIsFound() throws IOException {
    ParsedPlan plan = parser.parse(PlanDocumentParserTest.seed(), null, "seed");
    Map<String, List<String>> aliases = AliasExtractor.extract(plan.items(), null);

    assertThat(aliases.get("2")).contains("百人进千企");
    assertThat(aliases.getOrDefault("1.2", List.of())).doesNotContain("药创院");
    assertThat(aliases.getOrDefault("4.1", List.of())).doesNotContain("港中大");
  }

  @Test
  void quotedNamesOfTestDocumentsGoToTheOneItemNamingThem() throws IOException {
    assertThat(read("13-kjj-yaodian-wrapped.pdf.txt").get("3.1")).contains("揭榜挂帅", "包干制");
    assertThat(read("02-kjj-county-inline-shi.txt").get("2.2")).containsExactly("一企一策");
    assertThat(read("35-wjw-city-nav-double-space.txt").get("1.1")).contains("健康湖东");
    // 《政府工作报告》 names no item
    assertThat(read("12-city-table-tabs.txt").values()).noneMatch(l -> l.contains("政府工作报告"));
  }

  @Test
  void definedShortFormsAndAbbreviationsGoToTheItemOfWhatTheyStandFor() {
    String document =
        """
        白沙市教育局2025年工作要点
        一、2025年工作要点
        （一）建设白沙市教师发展研究中心（以下简称“教研中心”）。完成教师发展研究中心挂牌。
        （二）推进课后服务提质。依托“四点半课堂”做好放学后托管，与白沙师范大学（白师大）合作。
        （三）实施校园食品安全管理（简称“食安”）专项行动。配合开展学生营养改善计划。
        （四）深化“双减”工作。规范校外培训。
        （五）巩固“双减”成果。开展课后服务满意度调查。
        """;
    Map<String, List<String>> aliases = parser.read(document, null, "test").aliases();

    assertThat(aliases.get("1")).contains("教研中心", "教师发展研究中心");
    assertThat(aliases.get("2")).contains("四点半课堂", "白师大");
    assertThat(aliases.get("3")).contains("食安");
    // “双减” is quoted in two items: it could name either, so neither gets it
    assertThat(aliases.values()).noneMatch(l -> l.contains("双减"));
  }

  private Map<String, List<String>> read(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/plans", name));
    return parser.read(DocumentText.of(bytes), 2025, name).aliases();
  }
}
