package io.duban.dashboard;

import io.duban.digest.WeeklyDigests;
import io.duban.report.ClosingChannel;
import io.duban.report.ItemClosing;
import io.duban.report.Light;
import io.duban.report.PlanStanding;
import io.duban.report.ProgressReader;
import io.duban.report.ReportWeek;
import io.duban.security.ChatSignInProperties;
import io.duban.security.ChatSignInRefusal;
import io.duban.system.DomainException;
import io.duban.unit.UnitService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The leaders' pages: the plan board, an item's history, participation, ledger and chart. */
@Controller
@DashboardPage
class DashboardController {

  /**
   * What the item page says for each {@code ?error=} code: fixed texts, so a link cannot put words
   * of its author's choosing into the page's alert box; an unknown code gets the generic one.
   */
  private static final Map<String, String> ITEM_ERRORS =
      Map.of(
          "ALREADY_CLOSED", "该事项已办结销号。",
          "NOT_CLOSED", "该事项尚未办结，无需重新打开。",
          "NOT_REPORTABLE", "该事项含有子任务，请逐项办结。",
          "NOT_REPORTED_DONE", "牵头单位尚未报告完成，不能办结。",
          "NOT_FOUND", "没有这个事项。");

  private static final String ITEM_ERROR_OTHER = "操作未能完成，请刷新页面后重试。";

  private final ProgressReader progress;
  private final ItemPages items;
  private final ParticipationService participation;
  private final LedgerService ledgers;
  private final WeeklyDigests digests;
  private final ItemClosing closing;
  private final UnitService units;
  private final BoardProperties boardProperties;
  private final ChatSignInProperties chatSignIns;
  private final Clock clock;
  private final ZoneId zone;

  private final io.duban.evidence.Evidence evidence;

  DashboardController(
      ProgressReader progress,
      ItemPages items,
      ParticipationService participation,
      LedgerService ledgers,
      WeeklyDigests digests,
      ItemClosing closing,
      UnitService units,
      BoardProperties boardProperties,
      ChatSignInProperties chatSignIns,
      Clock clock,
      ZoneId zone,
      io.duban.evidence.Evidence evidence) {
    this.chatSignIns = chatSignIns;
    this.evidence = evidence;
    this.progress = progress;
    this.items = items;
    this.participation = participation;
    this.ledgers = ledgers;
    this.digests = digests;
    this.closing = closing;
    this.units = units;
    this.boardProperties = boardProperties;
    this.clock = clock;
    this.zone = zone;
  }

  @GetMapping("/")
  Mono<String> root() {
    return Mono.just("redirect:/dashboard");
  }

  @GetMapping("/dashboard/login")
  Mono<String> login(ServerWebExchange exchange, Model model) {
    var query = exchange.getRequest().getQueryParams();
    model.addAttribute("failed", query.containsKey("error"));
    model.addAttribute("disabled", query.containsKey("disabled"));
    model.addAttribute("loggedOut", query.containsKey("logout"));
    // a fixed text per refusal code: the address never puts words of its own on the page
    model.addAttribute(
        "refusal",
        ChatSignInRefusal.ofCode(query.getFirst("refused"))
            .map(ChatSignInRefusal::message)
            .orElse(null));
    model.addAttribute("chatSignIns", chatSignIns.offered());
    return Mono.just("dashboard/login");
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  Mono<String> board(
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String light,
      @RequestParam(required = false) String part,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) String source,
      ServerWebExchange exchange,
      Model model) {
    ReportWeek w = week(week, model);
    // 年度计划 or one kind of 督办事项 (批示, 会议, 建议提案, 其他); anything else: all
    io.duban.plan.TaskSource from =
        source == null || source.isBlank()
            ? null
            : java.util.Arrays.stream(io.duban.plan.TaskSource.values())
                .filter(x -> x.name().equalsIgnoreCase(source.strip()))
                .findFirst()
                .orElse(null);
    model.addAttribute("denied", exchange.getRequest().getQueryParams().containsKey("denied"));
    return Mono.zip(progress.standing(w), units.recentUnits().collectList())
        .map(
            t -> {
              PlanStanding board = t.getT1();
              UnitFilter byUnit = UnitFilter.of(unit, t.getT2());
              String unitName = byUnit.unit() == null ? null : byUnit.unit().name();
              Light wanted = light(light);
              BoardView view =
                  BoardView.of(
                      board,
                      r ->
                          (unitName == null || r.involves(unitName))
                              && (wanted == null || r.light() == wanted)
                              && (from == null || r.item().source().kind() == from),
                      part,
                      page);
              model.addAttribute("board", board);
              model.addAttribute("view", view);
              model.addAttribute("sections", view.sections());
              model.addAttribute("reds", view.reds());
              model.addAttribute("counts", board.counts());
              model.addAttribute("lights", Light.values());
              // a province's two thousand units are a box to type in, not a list on every page
              boolean search = t.getT2().size() > boardProperties.unitListMax();
              model.addAttribute("unitSearch", search);
              model.addAttribute("units", search ? java.util.List.of() : t.getT2());
              model.addAttribute("unitFilter", byUnit);
              model.addAttribute("unit", unitName == null ? "" : byUnit.unit().code());
              model.addAttribute("light", wanted == null ? "" : wanted.css());
              model.addAttribute("sources", io.duban.plan.TaskSource.values());
              model.addAttribute("source", from == null ? "" : from.name());
              model.addAttribute("filtered", unitName != null || wanted != null || from != null);
              return "dashboard/board";
            });
  }

  /**
   * The units a leader may mean by what they have typed so far in the board's 单位 box: at most
   * {@link UnitFilter#CHOICES}, the likeliest first, as {@code [{"code", "name"}]}.
   */
  @GetMapping(value = "/dashboard/units", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Mono<java.util.List<Map<String, String>>> unitSuggestions(
      @RequestParam(defaultValue = "") String q) {
    String typed = q.length() > UnitFilter.MAX_TYPED ? q.substring(0, UnitFilter.MAX_TYPED) : q;
    return units
        .recentUnits()
        .collectList()
        .map(
            all ->
                UnitFilter.matching(typed, all).stream()
                    .limit(UnitFilter.CHOICES)
                    .map(u -> Map.of("code", u.code(), "name", u.name()))
                    .toList());
  }

  @GetMapping("/dashboard/items/{code}")
  Mono<String> item(
      @PathVariable String code,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String done,
      Model model) {
    ReportWeek w = week(week, model);
    model.addAttribute(
        "error",
        error == null
            ? null
            : ITEM_ERRORS.getOrDefault(
                error, ItemDecisionsController.ERRORS.getOrDefault(error, ITEM_ERROR_OTHER)));
    model.addAttribute("done", done);
    return items
        .item(code, w)
        .flatMap(
            page ->
                evidence
                    .ofItem(page.row().item().code())
                    .collectList()
                    .map(
                        e -> {
                          model.addAttribute("evidence", e);
                          return page;
                        }))
        .map(
            page -> {
              model.addAttribute("page", page);
              model.addAttribute("row", page.row());
              model.addAttribute("week", w);
              return "dashboard/item";
            });
  }

  @PostMapping("/dashboard/items/{code}/close")
  Mono<String> close(@PathVariable String code, ServerWebExchange exchange, Principal who) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                closing.close(code, who.getName(), ClosingChannel.DASHBOARD, form.getFirst("note")))
        .map(done -> "redirect:/dashboard/items/" + code + "?done=closed")
        .onErrorResume(DomainException.class, e -> Mono.just(back(code, e)));
  }

  @PostMapping("/dashboard/items/{code}/reopen")
  Mono<String> reopen(@PathVariable String code, ServerWebExchange exchange, Principal who) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                closing.reopen(
                    code, who.getName(), ClosingChannel.DASHBOARD, form.getFirst("note")))
        .map(done -> "redirect:/dashboard/items/" + code + "?done=reopened")
        .onErrorResume(DomainException.class, e -> Mono.just(back(code, e)));
  }

  @GetMapping("/dashboard/participation")
  Mono<String> participation(
      @RequestParam(required = false) String week,
      @RequestParam(defaultValue = "8") int weeks,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    ReportWeek w = week(week, model);
    return participation
        .participation(w, weeks, page)
        .map(
            p -> {
              model.addAttribute("participation", p);
              return "dashboard/participation";
            });
  }

  @GetMapping("/dashboard/ledger.xlsx")
  Mono<ResponseEntity<byte[]>> ledger(@RequestParam(required = false) String week) {
    return Mono.fromCallable(() -> ReportWeek.parseOrCurrent(week, clock, zone))
        .flatMap(w -> ledgers.ledger(w).map(bytes -> LedgerController.download(bytes, w)));
  }

  @GetMapping(value = "/dashboard/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
  @ResponseBody
  Mono<ResponseEntity<byte[]>> chart(@RequestParam(required = false) String week) {
    return Mono.fromCallable(() -> ReportWeek.parseOrCurrent(week, clock, zone))
        .flatMap(digests::chart)
        .map(
            png ->
                ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.IMAGE_PNG)
                    .body(png));
  }

  private static String back(String code, DomainException e) {
    return "redirect:/dashboard/items/"
        + code
        + "?error="
        + URLEncoder.encode(e.code(), StandardCharsets.UTF_8);
  }

  /** The requested week, or the current one with a notice when the text is not a week. */
  private ReportWeek week(String text, Model model) {
    ReportWeek current = ReportWeek.current(clock, zone);
    model.addAttribute("currentWeek", current);
    try {
      ReportWeek w = ReportWeek.parseOrCurrent(text, clock, zone);
      model.addAttribute("week", w);
      return w;
    } catch (DomainException e) {
      model.addAttribute("notice", "周次格式应为 2024-W23，已显示本周");
      model.addAttribute("week", current);
      return current;
    }
  }

  private static Light light(String css) {
    for (Light l : Light.values()) {
      if (l.css().equals(css)) {
        return l;
      }
    }
    return null;
  }
}
