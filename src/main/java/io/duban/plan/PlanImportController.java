package io.duban.plan;

import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Plan import for admins: {@code POST /api/v1/plans/import} with the document as the body (text, or
 * the bytes of a .docx, .xlsx or .pdf) or as the {@code file} part of a form upload. With {@code
 * dryRun=true} it answers what it would store and stores nothing.
 */
@RestController
@RequestMapping("/api/v1/plans")
class PlanImportController {

  private final PlanService plans;

  PlanImportController(PlanService plans) {
    this.plans = plans;
  }

  @Operation(summary = "上传计划文件导入（Word、PDF、Excel、文本）")
  @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<Object>> upload(
      @RequestPart("file") Mono<FilePart> file,
      @RequestParam(required = false) Integer year,
      @RequestParam(defaultValue = "false") boolean dryRun) {
    return file.flatMap(
        part ->
            bytes(part.content())
                .flatMap(document -> answer(document, year, dryRun, part.filename())));
  }

  @Operation(summary = "以请求体导入计划文本")
  @PostMapping("/import")
  Mono<ResponseEntity<Object>> body(
      ServerWebExchange exchange,
      @RequestParam(required = false) Integer year,
      @RequestParam(defaultValue = "false") boolean dryRun) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    return bytes(exchange.getRequest().getBody())
        .map(document -> declaredText(document, type))
        .flatMap(document -> answer(document, year, dryRun, "api"));
  }

  private Mono<ResponseEntity<Object>> answer(
      byte[] document, Integer year, boolean dryRun, String source) {
    if (year != null && (year < 2000 || year > 2100)) {
      return Mono.error(DomainException.badRequest("年份应在 2000 到 2100 之间"));
    }
    if (dryRun) {
      return plans
          .preview(document, year, source)
          .map(preview -> ResponseEntity.ok().<Object>body(preview));
    }
    return plans
        .importDocument(document, year, source)
        .map(result -> ResponseEntity.status(HttpStatus.CREATED).<Object>body(result));
  }

  /** The whole body, refused past {@link DocumentText#MAX_BYTES}. */
  private static Mono<byte[]> bytes(Publisher<DataBuffer> body) {
    return DataBufferUtils.join(body, DocumentText.MAX_BYTES)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> DocumentText.tooLarge());
  }

  /** Text sent with a declared charset other than UTF-8 is re-encoded, so detection sees UTF-8. */
  private static byte[] declaredText(byte[] document, MediaType type) {
    if (type == null || !"text".equals(type.getType()) || type.getCharset() == null) {
      return document;
    }
    Charset charset = type.getCharset();
    if (charset.equals(StandardCharsets.UTF_8)) {
      return document;
    }
    return new String(document, charset).getBytes(StandardCharsets.UTF_8);
  }
}
