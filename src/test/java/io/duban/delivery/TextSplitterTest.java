package io.duban.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

  @Test
  void keepsAShortTextWhole() {
    assertThat(TextSplitter.split("一\n二", 2048)).containsExactly("一\n二");
  }

  @Test
  void splitsOnLineBoundariesWithinTheByteLimit() {
    String line = "进".repeat(100); // 300 bytes
    String text = String.join("\n", List.of(line, line, line, line, line, line, line, line));

    List<String> parts = TextSplitter.split(text, 1024);

    assertThat(parts).hasSize(3);
    assertThat(parts).allSatisfy(p -> assertThat(TextSplitter.bytes(p)).isLessThanOrEqualTo(1024));
    assertThat(parts.get(0)).isEqualTo(String.join("\n", line, line, line));
    assertThat(String.join("\n", parts)).isEqualTo(text);
  }

  @Test
  void cutsAnOverlongLineBetweenCharactersNeverInsideOne() {
    String line = "督".repeat(1000); // 3000 bytes

    List<String> parts = TextSplitter.split(line, 2048);

    assertThat(parts).hasSize(2);
    assertThat(TextSplitter.bytes(parts.get(0))).isEqualTo(2046);
    assertThat(String.join("", parts)).isEqualTo(line);
  }
}
