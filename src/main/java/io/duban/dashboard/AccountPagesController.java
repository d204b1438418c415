package io.duban.dashboard;

import io.duban.security.AccountTokens;
import io.duban.security.Accounts;
import io.duban.security.ChatIdentity;
import io.duban.security.NewAccount;
import io.duban.security.Role;
import io.duban.system.DomainException;
import io.duban.unit.UnitService;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admins' accounts pages: every account with a form to create one, and one account's page to
 * set its roles and unit, disable or enable it, reset its password, bind or unbind a work-chat
 * identity and create or revoke its API tokens (a new token's secret is shown on that one answer
 * only). The same {@link Accounts} service as the API, so the same checks and audit rows.
 */
@Controller
@DashboardPage
class AccountPagesController {

  static final String PAGE = "/dashboard/admin/accounts";

  /** What a {@code ?done=} code says: fixed texts, so a link cannot put words on the page. */
  private static final Map<String, String> DONE =
      Map.of(
          "created", "已创建账号。",
          "roles", "已更新角色，该账号需重新登录。",
          "unit", "已更新所属单位。",
          "disabled", "已停用账号。",
          "enabled", "已启用账号。",
          "password", "已重置密码，该账号需重新登录。",
          "bound", "已绑定聊天身份。",
          "unbound", "已解除绑定。",
          "revoked", "已吊销令牌。");

  private final Accounts accounts;
  private final AccountTokens tokens;
  private final UnitService units;

  AccountPagesController(Accounts accounts, AccountTokens tokens, UnitService units) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.units = units;
  }

  @GetMapping(PAGE)
  Mono<String> list(ServerWebExchange exchange, Model model) {
    model.addAttribute("done", done(exchange));
    return renderList(model);
  }

  @PostMapping(PAGE)
  Mono<String> create(ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                accounts
                    .create(
                        new NewAccount(
                            form.getFirst("login"),
                            form.getFirst("displayName"),
                            form.getFirst("unitCode"),
                            roles(form),
                            blankToNull(form.getFirst("password"))))
                    .map(a -> "redirect:" + PAGE + "/" + a.id() + "?done=created")
                    .onErrorResume(
                        DomainException.class,
                        e -> {
                          refused(e, exchange, model);
                          return renderList(model);
                        }));
  }

  @GetMapping(PAGE + "/{id:[0-9]+}")
  Mono<String> one(@PathVariable long id, ServerWebExchange exchange, Model model) {
    model.addAttribute("done", done(exchange));
    return renderOne(id, model);
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/roles")
  Mono<String> roles(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(id, exchange, model, form -> accounts.setRoles(id, roles(form)), "roles");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/unit")
  Mono<String> unit(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(
        id, exchange, model, form -> accounts.setUnit(id, form.getFirst("unitCode")), "unit");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/disable")
  Mono<String> disable(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(id, exchange, model, form -> accounts.disable(id), "disabled");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/enable")
  Mono<String> enable(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(id, exchange, model, form -> accounts.enable(id), "enabled");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/password")
  Mono<String> password(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(
        id,
        exchange,
        model,
        form -> accounts.resetPassword(id, form.getFirst("password")),
        "password");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/identities")
  Mono<String> bind(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(id, exchange, model, form -> accounts.bind(id, identity(form)), "bound");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/identities/remove")
  Mono<String> unbind(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return act(
        id, exchange, model, form -> accounts.unbind(id, identity(form)).thenReturn(id), "unbound");
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/tokens")
  Mono<String> createToken(@PathVariable long id, ServerWebExchange exchange, Model model) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                tokens
                    .create(id, form.getFirst("name"))
                    .flatMap(
                        created -> {
                          // shown on this answer only; never in a link or a redirect
                          model.addAttribute("secret", created.secret());
                          model.addAttribute("secretName", created.token().name());
                          return renderOne(id, model);
                        })
                    .onErrorResume(
                        DomainException.class,
                        e -> {
                          refused(e, exchange, model);
                          return renderOne(id, model);
                        }));
  }

  @PostMapping(PAGE + "/{id:[0-9]+}/tokens/{tokenId:[0-9]+}/revoke")
  Mono<String> revoke(
      @PathVariable long id, @PathVariable long tokenId, ServerWebExchange exchange, Model model) {
    return act(id, exchange, model, form -> tokens.revoke(id, tokenId).thenReturn(id), "revoked");
  }

  private Mono<String> act(
      long id,
      ServerWebExchange exchange,
      Model model,
      java.util.function.Function<MultiValueMap<String, String>, Mono<?>> step,
      String done) {
    return exchange
        .getFormData()
        .flatMap(
            form ->
                Mono.defer(() -> step.apply(form))
                    .thenReturn("redirect:" + PAGE + "/" + id + "?done=" + done)
                    .onErrorResume(
                        DomainException.class,
                        e -> {
                          refused(e, exchange, model);
                          return renderOne(id, model);
                        }));
  }

  private Mono<String> renderList(Model model) {
    return Mono.zip(accounts.list().collectList(), units.units().collectList())
        .map(
            t -> {
              model.addAttribute("accounts", t.getT1());
              model.addAttribute("units", t.getT2());
              model.addAttribute("roles", Role.values());
              return "dashboard/accounts";
            });
  }

  private Mono<String> renderOne(long id, Model model) {
    return accounts
        .find(id)
        .flatMap(
            account ->
                Mono.zip(
                        accounts.identities(id).collectList(),
                        tokens.list(id).collectList(),
                        units.units().collectList())
                    .map(
                        t -> {
                          model.addAttribute("account", account);
                          model.addAttribute("identities", t.getT1());
                          model.addAttribute("tokens", t.getT2());
                          model.addAttribute("units", t.getT3());
                          model.addAttribute("roles", Role.values());
                          model.addAttribute("platforms", List.of("WECOM", "DINGTALK", "FEISHU"));
                          return "dashboard/account";
                        }))
        .onErrorResume(DomainException.class, e -> Mono.just("redirect:" + PAGE + "?done=missing"));
  }

  private static String done(ServerWebExchange exchange) {
    String code = exchange.getRequest().getQueryParams().getFirst("done");
    return code == null ? null : DONE.get(code);
  }

  private static void refused(DomainException e, ServerWebExchange exchange, Model model) {
    exchange.getResponse().setStatusCode(e.status());
    model.addAttribute("error", e.getMessage());
  }

  private static Set<Role> roles(MultiValueMap<String, String> form) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : form.getOrDefault("roles", List.of())) {
      for (Role r : Role.values()) {
        if (r.name().equals(name)) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  private static ChatIdentity identity(MultiValueMap<String, String> form) {
    return new ChatIdentity(
        form.getFirst("platform"), form.getFirst("corpId"), form.getFirst("userId"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
