package io.duban.dashboard;

import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.duban.unit.PlanAdoption;
import io.duban.unit.UnitService;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admins' plan import page: upload a document or paste its text, see what would be stored (the
 * tree, warnings, the revision of a stored year, each unit name's match), correct year and title,
 * map the unknown unit names, confirm. The uploaded document is kept as a draft between preview and
 * confirm, so the confirm imports exactly what was previewed.
 */
@Controller
@DashboardPage
class PlanImportPageController {

  static final String PAGE = "dashboard/plan-import";

  private final PlanAdoption adoption;
  private final PlanService plans;
  private final UnitService units;

  PlanImportPageController(PlanAdoption adoption, PlanService plans, UnitService units) {
    this.adoption = adoption;
    this.plans = plans;
    this.units = units;
  }

  @GetMapping("/dashboard/admin/plan")
  Mono<String> form() {
    return Mono.just(PAGE);
  }

  @PostMapping("/dashboard/admin/plan/preview")
  Mono<String> preview(ServerWebExchange exchange, Model model) {
    return exchange
        .getMultipartData()
        .flatMap(parts -> upload(parts, model))
        .onErrorResume(DomainException.class, e -> refused(model, e));
  }

  @PostMapping("/dashboard/admin/plan/confirm")
  Mono<String> confirm(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .flatMap(
            form -> {
              UUID draft;
              try {
                draft = UUID.fromString(form.getFirst("draft"));
              } catch (RuntimeException e) {
                return refused(model, DomainException.badRequest("预览已过期或不存在，请重新上传文档"));
              }
              Integer year = year(form.getFirst("year"));
              String title = form.getFirst("title");
              Map<String, String> mapping = new LinkedHashMap<>();
              for (int i = 0; form.containsKey("name" + i); i++) {
                String choice = form.getFirst("map" + i);
                if (choice != null && !choice.isBlank()) {
                  mapping.put(form.getFirst("name" + i), choice);
                }
              }
              return plans
                  .draft(draft)
                  .flatMap(
                      d ->
                          adoption
                              .adopt(d.document(), year, title, d.filename(), mapping)
                              .flatMap(
                                  adopted -> {
                                    model.addAttribute("adopted", adopted);
                                    return plans.dropDraft(d.id()).thenReturn(PAGE);
                                  })
                              .onErrorResume(
                                  DomainException.class,
                                  e -> {
                                    model.addAttribute("error", e.getMessage());
                                    return show(model, d, year, title);
                                  }));
            })
        .onErrorResume(DomainException.class, e -> refused(model, e));
  }

  private Mono<String> upload(MultiValueMap<String, Part> parts, Model model) {
    Integer year = year(field(parts, "year"));
    String title = field(parts, "title");
    String text = field(parts, "text");
    model.addAttribute("text", text);
    Mono<PlanService.Draft> draft;
    if (parts.getFirst("file") instanceof FilePart file && !file.filename().isBlank()) {
      draft =
          DataBufferUtils.join(file.content(), PlanService.MAX_DOCUMENT_BYTES)
              .map(
                  buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                  })
              .onErrorMap(DataBufferLimitException.class, e -> PlanService.documentTooLarge())
              .flatMap(bytes -> plans.saveDraft(bytes, file.filename()));
    } else if (text != null && !text.isBlank()) {
      draft = plans.saveDraft(text.getBytes(StandardCharsets.UTF_8), "粘贴的文本");
    } else {
      return refused(model, DomainException.badRequest("请选择要上传的文件，或粘贴计划全文"));
    }
    return draft.flatMap(d -> show(model, d, year, title));
  }

  private Mono<String> show(Model model, PlanService.Draft draft, Integer year, String title) {
    return Mono.zip(
            adoption.preview(draft.document(), year, title, draft.filename()),
            units.units().collectList())
        .map(
            t -> {
              model.addAttribute("preview", t.getT1());
              model.addAttribute("known", t.getT2());
              model.addAttribute("draft", draft.id());
              model.addAttribute("filename", draft.filename());
              return PAGE;
            });
  }

  private static Mono<String> refused(Model model, DomainException e) {
    model.addAttribute("error", e.getMessage());
    return Mono.just(PAGE);
  }

  private static Integer year(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      int year = Integer.parseInt(text.strip());
      if (year >= 2000 && year <= 2100) {
        return year;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw DomainException.badRequest("年份应为 2000 到 2100 之间的数字");
  }

  private static String field(MultiValueMap<String, Part> parts, String name) {
    return parts.getFirst(name) instanceof FormFieldPart f && !f.value().isBlank()
        ? f.value().strip()
        : null;
  }
}
