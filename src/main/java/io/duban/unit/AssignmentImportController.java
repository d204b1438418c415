package io.duban.unit;

import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/assignments.xlsx} (ADMIN, multipart field {@code file}): replaces the
 * responsibilities of the items listed in the sheet, or answers 400 listing every bad row.
 */
@RestController
class AssignmentImportController {

  private final AssignmentUpload upload;

  AssignmentImportController(AssignmentUpload upload) {
    this.upload = upload;
  }

  @Operation(summary = "上传任务分解表（Excel）导入分工")
  @PostMapping(
      path = "/api/v1/assignments.xlsx",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Map<String, Object>>> upload(@RequestPart("file") Mono<Part> file) {
    // a field named file that is not a file (no filename) is refused like a missing one
    return file.flatMap(
            part ->
                part instanceof FilePart f
                    ? upload.upload(f)
                    : Mono.error(DomainException.badRequest("字段 file 不是上传的文件（缺少文件名）")))
        .switchIfEmpty(Mono.error(DomainException.badRequest("缺少上传文件（multipart 字段 file）")))
        .map(AssignmentImportController::answer);
  }

  private static ResponseEntity<Map<String, Object>> answer(SheetOutcome result) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (result.valid()) {
      body.put("applied", result.assignments().size());
      body.put("items", result.assignments().stream().map(a -> a.itemCode()).toList());
      return ResponseEntity.ok(body);
    }
    List<Map<String, Object>> rows =
        result.problems().stream()
            .map(p -> Map.<String, Object>of("row", p.row(), "message", p.message()))
            .toList();
    body.put("error", "BAD_SHEET");
    body.put(
        "message",
        "表格有 "
            + result.problems().size()
            + " 处问题，未做任何修改："
            + String.join("；", result.problems().stream().map(SheetProblem::toString).toList()));
    body.put("problems", rows);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
  }
}
