package io.duban.unit;

import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plan import for admins: {@code POST /api/v1/plans/import} with the document as the body (text, or
 * the bytes of a .docx, .xlsx or .pdf) or as the {@code file} part of a form upload. With {@code
 * dryRun=true} it answers what it would store (the tree, the revision of a stored year, each unit
 * name's match) and stores nothing. {@code title} corrects the plan's title; {@code units} (a query
 * parameter or form field) maps unit names no unit matched: {@code {"名称": "unit-code" | "create" |
 * "skip"}}.
 */
@RestController
@RequestMapping("/api/v1/plans")
class PlanImportController {

  private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {};

  private final PlanAdoption adoption;
  private final JsonMapper json;

  PlanImportController(PlanAdoption adoption, JsonMapper json) {
    this.adoption = adoption;
    this.json = json;
  }

  @Operation(summary = "上传计划文件导入（Word、PDF、Excel、文本）")
  @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResponseEntity<Object>> upload(
      ServerWebExchange exchange,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String units,
      @RequestParam(defaultValue = "false") boolean dryRun) {
    return exchange
        .getMultipartData()
        .flatMap(
            parts -> {
              if (!(parts.getFirst("file") instanceof FilePart file)) {
                return Mono.error(DomainException.badRequest("表单缺少文件字段 file"));
              }
              String mapping = field(parts, "units", units);
              String named = field(parts, "title", title);
              return bytes(file.content())
                  .flatMap(
                      document -> answer(document, year, named, mapping, dryRun, file.filename()));
            });
  }

  @Operation(summary = "以请求体导入计划文本")
  @PostMapping("/import")
  Mono<ResponseEntity<Object>> body(
      ServerWebExchange exchange,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String units,
      @RequestParam(defaultValue = "false") boolean dryRun) {
    MediaType type = exchange.getRequest().getHeaders().getContentType();
    return bytes(exchange.getRequest().getBody())
        .map(document -> declaredText(document, type))
        .flatMap(document -> answer(document, year, title, units, dryRun, "api"));
  }

  private Mono<ResponseEntity<Object>> answer(
      byte[] document, Integer year, String title, String units, boolean dryRun, String source) {
    if (year != null && (year < 2000 || year > 2100)) {
      return Mono.error(DomainException.badRequest("年份应在 2000 到 2100 之间"));
    }
    if (dryRun) {
      return adoption
          .preview(document, year, title, source)
          .map(preview -> ResponseEntity.ok().<Object>body(preview));
    }
    return Mono.fromCallable(() -> mapping(units))
        .flatMap(mapping -> adoption.adopt(document, year, title, source, mapping))
        .map(result -> ResponseEntity.status(HttpStatus.CREATED).<Object>body(result));
  }

  private Map<String, String> mapping(String units) {
    if (units == null || units.isBlank()) {
      return Map.of();
    }
    try {
      return json.readValue(units, MAPPING);
    } catch (JacksonException e) {
      throw DomainException.badRequest(
          "units 应为 JSON 对象，如 {\"单位名称\": \"单位代码\"}，值可为已有单位代码、create（新建）或 skip（不分配）");
    }
  }

  private static String field(MultiValueMap<String, Part> parts, String name, String fallback) {
    return parts.getFirst(name) instanceof FormFieldPart field && !field.value().isBlank()
        ? field.value()
        : fallback;
  }

  /** The whole body, refused past {@link PlanService#MAX_DOCUMENT_BYTES}. */
  static Mono<byte[]> bytes(Publisher<DataBuffer> body) {
    return DataBufferUtils.join(body, PlanService.MAX_DOCUMENT_BYTES)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .onErrorMap(DataBufferLimitException.class, e -> PlanService.documentTooLarge());
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
