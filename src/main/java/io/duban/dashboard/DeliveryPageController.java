package io.duban.dashboard;

import io.duban.delivery.OutboxAdmin;
import io.duban.system.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admins' delivery page (消息投递): outbox messages that failed for good (DEAD) or still wait for a
 * send, with their destination, attempts and last error, and a redrive button for the dead ones
 * (audited by the delivery feature).
 */
@Controller
@DashboardPage
class DeliveryPageController {

  static final String PAGE = "/dashboard/admin/outbox";
  private static final int LIMIT = 200;

  private final OutboxAdmin outbox;

  DeliveryPageController(OutboxAdmin outbox) {
    this.outbox = outbox;
  }

  @GetMapping(PAGE)
  Mono<String> page(ServerWebExchange exchange, Model model) {
    String redriven = exchange.getRequest().getQueryParams().getFirst("redriven");
    if (redriven != null) {
      model.addAttribute("notice", "已重新排队消息 " + redriven + "，稍后发送。");
    }
    return render(model);
  }

  @PostMapping(PAGE + "/{id}/redrive")
  Mono<String> redrive(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return outbox
        .redrive(id)
        .thenReturn("redirect:" + PAGE + "?redriven=" + id)
        .onErrorResume(
            DomainException.class,
            e -> {
              exchange.getResponse().setStatusCode(e.status());
              model.addAttribute("error", e.getMessage());
              return render(model);
            });
  }

  private Mono<String> render(Model model) {
    return outbox
        .undelivered(LIMIT)
        .collectList()
        .map(
            messages -> {
              model.addAttribute("dead", messages.stream().filter(m -> m.dead()).toList());
              model.addAttribute("waiting", messages.stream().filter(m -> !m.dead()).toList());
              return "dashboard/outbox";
            });
  }
}
