package io.duban.dashboard;

import io.duban.plan.AliasSource;
import io.duban.plan.ItemAlias;
import io.duban.plan.ItemAliases;
import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admins' alias page: every reportable item with the other names the matcher knows for it
 * (imported, added, learned from answered questions), a form to add one and a button to remove one.
 */
@Controller
@DashboardPage
class AliasPagesController {

  static final String PAGE = "/dashboard/admin/aliases";

  /** One item's row. */
  record Row(String code, String title, List<AliasView> aliases) {}

  /** One alias as shown: its text, where it came from (in Chinese), who added it. */
  record AliasView(String alias, String source, String createdBy) {
    static AliasView of(ItemAlias a) {
      return new AliasView(a.alias(), label(a.source()), a.createdBy());
    }
  }

  private final PlanService plans;
  private final ItemAliases aliases;

  AliasPagesController(PlanService plans, ItemAliases aliases) {
    this.plans = plans;
    this.aliases = aliases;
  }

  @GetMapping(PAGE)
  Mono<String> page(ServerWebExchange exchange, Model model) {
    var query = exchange.getRequest().getQueryParams();
    if (query.containsKey("added")) {
      model.addAttribute("done", "已添加别名“" + query.getFirst("added") + "”");
    } else if (query.containsKey("removed")) {
      model.addAttribute("done", "已删除别名“" + query.getFirst("removed") + "”");
    }
    return render(model);
  }

  @PostMapping(PAGE + "/add")
  Mono<String> add(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                aliases
                    .add(value(form, "code"), value(form, "alias"))
                    .map(a -> "redirect:" + PAGE + "?added=" + encoded(a.alias()))
                    .onErrorResume(DomainException.class, e -> refused(e, exchange, model)));
  }

  @PostMapping(PAGE + "/remove")
  Mono<String> remove(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                aliases
                    .remove(value(form, "code"), value(form, "alias"))
                    .thenReturn("redirect:" + PAGE + "?removed=" + encoded(value(form, "alias")))
                    .onErrorResume(DomainException.class, e -> refused(e, exchange, model)));
  }

  private Mono<String> refused(DomainException e, ServerWebExchange exchange, Model model) {
    exchange.getResponse().setStatusCode(e.status());
    model.addAttribute("error", e.getMessage());
    return render(model);
  }

  private Mono<String> render(Model model) {
    return Mono.zip(plans.leaves().collectList(), aliases.all())
        .map(
            t -> {
              model.addAttribute("rows", rows(t.getT1(), t.getT2()));
              return "dashboard/aliases";
            })
        .defaultIfEmpty("dashboard/aliases");
  }

  private static List<Row> rows(List<PlanItem> leaves, Map<String, List<ItemAlias>> byCode) {
    return leaves.stream()
        .map(
            i ->
                new Row(
                    i.code(),
                    i.title(),
                    byCode.getOrDefault(i.code(), List.of()).stream().map(AliasView::of).toList()))
        .toList();
  }

  private static String value(MultiValueMap<String, String> form, String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v;
  }

  private static String encoded(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String label(AliasSource source) {
    return switch (source) {
      case IMPORTED -> "导入时识别";
      case ADMIN -> "管理员添加";
      case LEARNED -> "从确认的报送中学习";
    };
  }
}
