package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DocumentTextTest {

  @Test
  void readsTextInTheEncodingsWindowsSavesIt() {
    byte[] utf16 = "\uFEFF某局2025年工作计划".getBytes(StandardCharsets.UTF_16LE);

    assertThat(DocumentText.of(utf16)).isEqualTo("某局2025年工作计划");
    assertThat(DocumentText.of("某局2025年工作计划".getBytes(java.nio.charset.Charset.forName("GB18030"))))
        .isEqualTo("某局2025年工作计划");
  }

  @Test
  void refusesOldWordFilesAndOtherArchivesSayingWhatToSend() throws Exception {
    byte[] oldWord = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0};
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("photos/a.jpg"));
      out.write(new byte[] {1, 2, 3});
    }

    assertThatThrownBy(() -> DocumentText.of(oldWord))
        .hasMessage("第1行：这是旧版 Word/Excel 文件（.doc/.xls），应另存为 .docx 或 .xlsx 后再导入");
    assertThatThrownBy(() -> DocumentText.of(zip.toByteArray()))
        .hasMessageContaining("不是 Word（.docx）或 Excel（.xlsx）文档");
    assertThatThrownBy(() -> DocumentText.of("%PDF-1.7 broken".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("无法读取这个 PDF");
  }
}
