package io.duban.bulletin;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A written 通报: its file name, number and .docx bytes. */
public record BulletinFile(String filename, int year, int number, byte[] bytes) {

  public static final String CONTENT_TYPE =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  /** The file as a download, its Chinese name encoded for every browser (RFC 6266 filename*). */
  public ResponseEntity<byte[]> download() {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(CONTENT_TYPE))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(bytes);
  }
}
