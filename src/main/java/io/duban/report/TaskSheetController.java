package io.duban.report;

import io.duban.system.DomainException;
import io.duban.unit.SheetProblem;
import io.duban.unit.TaskSheet;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/tasks.xlsx} (multipart field {@code file}): a 交办清单, one 交办事项 a row, filed all
 * in one transaction (201), or 400 listing every bad row with nothing filed; {@code ?preview=true}
 * only checks.
 */
@RestController
class TaskSheetController {

  /** Upload limit; a 交办清单 of a few hundred rows is well under a megabyte. */
  static final int MAX_BYTES = 5 * 1024 * 1024;

  private final TaskAssignments assignments;

  TaskSheetController(TaskAssignments assignments) {
    this.assignments = assignments;
  }

  @Operation(summary = "上传交办清单（Excel，每行一个交办事项），全部登记或逐行报告问题")
  @PostMapping(
      path = "/api/v1/tasks.xlsx",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Map<String, Object>>> upload(
      @RequestPart("file") Mono<Part> file,
      @RequestParam(defaultValue = "false") boolean preview,
      Principal who) {
    String actor = who == null ? "api" : who.getName();
    // a field named file that is not a file (no filename) is refused like a missing one
    return file.flatMap(
            part ->
                part instanceof FilePart f
                    ? bytes(f)
                    : Mono.error(DomainException.badRequest("字段 file 不是上传的文件（缺少文件名）")))
        .switchIfEmpty(Mono.error(DomainException.badRequest("缺少上传文件（multipart 字段 file）")))
        .publishOn(Schedulers.boundedElastic())
        .map(TaskSheet::read)
        .flatMap(sheet -> assignments.fileSheet(sheet, actor, !preview))
        .map(f -> answer(f, preview));
  }

  /** The upload's bytes, refused past {@link #MAX_BYTES}. */
  static Mono<byte[]> bytes(FilePart part) {
    return DataBufferUtils.join(part.content(), MAX_BYTES)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .onErrorMap(
            DataBufferLimitException.class,
            e -> DomainException.badRequest("文件超过 " + (MAX_BYTES >> 20) + " MB，请删去空行空列或拆分后再上传"));
  }

  private static ResponseEntity<Map<String, Object>> answer(
      TaskAssignments.SheetFiling f, boolean preview) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (f.valid()) {
      if (preview) {
        body.put("rows", f.rows().size());
        return ResponseEntity.ok(body);
      }
      body.put("filed", f.filed().size());
      body.put("items", f.filed().stream().map(x -> x.item().code()).toList());
      return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
    List<Map<String, Object>> rows =
        f.problems().stream()
            .map(p -> Map.<String, Object>of("row", p.row(), "message", p.message()))
            .toList();
    body.put("error", "BAD_SHEET");
    body.put(
        "message",
        "交办清单有 "
            + f.problems().size()
            + " 处问题，未登记任何事项："
            + String.join("；", f.problems().stream().map(SheetProblem::toString).toList()));
    body.put("problems", rows);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }
}
