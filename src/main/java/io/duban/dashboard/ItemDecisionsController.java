package io.duban.dashboard;

import io.duban.report.ClosingChannel;
import io.duban.report.ItemLifecycle;
import io.duban.report.ItemStep;
import io.duban.system.DomainException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The item page's decisions: the responsible leader approves or refuses a pending 延期, the 督查 office
 * passes or returns a 申请办结 (复核), a leader or the office sends a report back (退回). Each form calls
 * the same {@link ItemLifecycle} method the chat commands do, as the signed-in person (who is
 * therefore who the 办理过程 names); who may post which form is decided in {@link DashboardSecurity}. A
 * refusal comes back to the item page as a fixed Chinese message.
 */
@Controller
@DashboardPage
class ItemDecisionsController {

  /** What the item page says for each refusal code the decisions can produce. */
  static final Map<String, String> ERRORS =
      Map.of(
          "NO_EXTENSION_PENDING", "该事项没有待审批的延期申请。",
          "NO_CLOSE_PENDING", "该事项没有待复核的办结申请或完成报告。",
          "NO_REASON", "请写明原因。",
          "NOT_ASSIGNED", "该事项尚未分工。");

  private final ItemLifecycle lifecycle;

  ItemDecisionsController(ItemLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @PostMapping("/dashboard/items/{code}/extension")
  Mono<String> extension(@PathVariable String code, ServerWebExchange exchange, Principal who) {
    return decide(
        code,
        exchange,
        form -> {
          boolean approve = "approve".equals(form.getFirst("decision"));
          return lifecycle
              .decideExtension(
                  code, approve, who.getName(), ClosingChannel.DASHBOARD, form.getFirst("note"))
              .map(s -> approve ? "extended" : "extension-refused");
        });
  }

  @PostMapping("/dashboard/items/{code}/review")
  Mono<String> review(@PathVariable String code, ServerWebExchange exchange, Principal who) {
    return decide(
        code,
        exchange,
        form -> {
          boolean pass = "pass".equals(form.getFirst("decision"));
          return lifecycle
              .review(code, pass, who.getName(), ClosingChannel.DASHBOARD, form.getFirst("note"))
              .map(s -> pass ? "review-passed" : "review-returned");
        });
  }

  @PostMapping("/dashboard/items/{code}/return")
  Mono<String> sendBack(@PathVariable String code, ServerWebExchange exchange, Principal who) {
    return decide(
        code,
        exchange,
        form ->
            lifecycle
                .sendBack(code, who.getName(), ClosingChannel.DASHBOARD, form.getFirst("note"))
                .map(ItemStep::itemCode)
                .map(c -> "returned"));
  }

  private interface Decision {
    Mono<String> apply(org.springframework.util.MultiValueMap<String, String> form);
  }

  private static Mono<String> decide(String code, ServerWebExchange exchange, Decision decision) {
    String page = "redirect:/dashboard/items/" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    return exchange
        .getFormData()
        .flatMap(decision::apply)
        .map(done -> page + "?done=" + done)
        .onErrorResume(
            DomainException.class,
            e -> Mono.just(page + "?error=" + URLEncoder.encode(e.code(), StandardCharsets.UTF_8)));
  }
}
