package io.duban.dashboard;

import io.duban.unit.AssignmentUpload;
import io.duban.unit.SheetProblem;
import java.util.List;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Pages only admins see: uploading the responsibilities sheet, which the unit feature reads. */
@Controller
@DashboardPage
class AdminPagesController {

  private final AssignmentUpload upload;

  AdminPagesController(AssignmentUpload upload) {
    this.upload = upload;
  }

  @GetMapping("/dashboard/admin/import")
  Mono<String> form(Model model) {
    model.addAttribute("headers", AssignmentUpload.HEADERS);
    return Mono.just("dashboard/import");
  }

  @PostMapping("/dashboard/admin/import")
  Mono<String> upload(ServerWebExchange exchange, Model model) {
    model.addAttribute("headers", AssignmentUpload.HEADERS);
    return exchange
        .getMultipartData()
        .flatMap(
            parts -> {
              Part part = parts.getFirst("file");
              if (!(part instanceof FilePart file)) {
                model.addAttribute("problems", List.of(new SheetProblem(1, "请选择要上传的 .xlsx 文件")));
                return Mono.just("dashboard/import");
              }
              return upload
                  .upload(file)
                  .map(
                      result -> {
                        if (result.valid()) {
                          model.addAttribute("applied", result.assignments());
                        } else {
                          model.addAttribute("problems", result.problems());
                        }
                        return "dashboard/import";
                      });
            });
  }
}
