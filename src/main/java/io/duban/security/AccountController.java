package io.duban.security;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Admin API of accounts (ADMIN only, by the API chain's rule for {@code /api/**}): people, their
 * roles, unit, disabled flag, password, bound chat identities and API tokens. Every change is
 * audited; no answer ever carries a password hash, and a token's secret only once, at creation.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

  record RolesForm(Set<Role> roles) {}

  record UnitForm(String unitCode) {}

  record NameForm(String displayName) {}

  record PasswordForm(String password) {
    @Override
    public String toString() {
      return "PasswordForm[]";
    }
  }

  record TokenForm(String name) {}

  private final Accounts accounts;
  private final AccountTokens tokens;

  AccountController(Accounts accounts, AccountTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  @Operation(summary = "列出账号")
  @GetMapping
  Flux<Account> list() {
    return accounts.list();
  }

  @Operation(summary = "创建账号（登录名、姓名、单位、角色、初始密码可选）")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<Account> create(@RequestBody NewAccount form) {
    return accounts.create(form);
  }

  @Operation(summary = "查看一个账号")
  @GetMapping("/{id}")
  Mono<Account> one(@PathVariable long id) {
    return accounts.find(id);
  }

  @Operation(summary = "设置账号的角色（该账号的登录会话随即失效）")
  @PutMapping("/{id}/roles")
  Mono<Account> roles(@PathVariable long id, @RequestBody RolesForm form) {
    return accounts.setRoles(id, form.roles());
  }

  @Operation(summary = "设置账号所属单位")
  @PutMapping("/{id}/unit")
  Mono<Account> unit(@PathVariable long id, @RequestBody UnitForm form) {
    return accounts.setUnit(id, form.unitCode());
  }

  @Operation(summary = "修改账号的姓名")
  @PutMapping("/{id}/name")
  Mono<Account> name(@PathVariable long id, @RequestBody NameForm form) {
    return accounts.setDisplayName(id, form.displayName());
  }

  @Operation(summary = "停用账号（不能登录，会话与令牌随即失效）")
  @PostMapping("/{id}/disable")
  Mono<Account> disable(@PathVariable long id) {
    return accounts.disable(id);
  }

  @Operation(summary = "重新启用账号")
  @PostMapping("/{id}/enable")
  Mono<Account> enable(@PathVariable long id) {
    return accounts.enable(id);
  }

  @Operation(summary = "重置账号密码")
  @PutMapping("/{id}/password")
  Mono<Account> password(@PathVariable long id, @RequestBody PasswordForm form) {
    return accounts.resetPassword(id, form.password());
  }

  @Operation(summary = "列出账号绑定的工作聊天身份")
  @GetMapping("/{id}/identities")
  Flux<ChatIdentity> identities(@PathVariable long id) {
    return accounts.identities(id);
  }

  @Operation(summary = "绑定工作聊天身份（企业微信、钉钉、飞书）")
  @PostMapping("/{id}/identities")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ChatIdentity> bind(@PathVariable long id, @RequestBody ChatIdentity identity) {
    return accounts.bind(id, identity);
  }

  @Operation(summary = "解除绑定工作聊天身份")
  @DeleteMapping("/{id}/identities")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> unbind(
      @PathVariable long id,
      @RequestParam String platform,
      @RequestParam String corpId,
      @RequestParam String userId) {
    return accounts.unbind(id, new ChatIdentity(platform, corpId, userId));
  }

  @Operation(summary = "列出账号的 API 令牌（含最近使用时间，不含令牌本身）")
  @GetMapping("/{id}/tokens")
  Flux<ApiToken> tokens(@PathVariable long id) {
    return tokens.list(id);
  }

  @Operation(summary = "为账号创建命名的 API 令牌（令牌只在此时显示一次）")
  @PostMapping("/{id}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<AccountTokens.Created> createToken(@PathVariable long id, @RequestBody TokenForm form) {
    return tokens.create(id, form.name());
  }

  @Operation(summary = "吊销账号的一个 API 令牌")
  @DeleteMapping("/{id}/tokens/{tokenId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> revoke(@PathVariable long id, @PathVariable long tokenId) {
    return tokens.revoke(id, tokenId);
  }
}
