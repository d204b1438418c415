package io.duban.security;

import io.duban.system.DomainException;
import io.duban.system.RequestIds;
import io.duban.system.ServiceProperties;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The two legs of a chat sign-in: {@code GET /sign-in/<platform>} sends the browser to the
 * platform's page with a fresh state bound to its session; {@code GET /sign-in/<platform>/callback}
 * checks that state, asks the platform server-side who the code belongs to, and signs in the
 * account bound to that identity ({@link Accounts#signIn}: a new session id, the sign-in audited
 * with the person's name), or sends the browser back to the sign-in page with the refusal's code
 * only.
 */
// routes exist only when serving; `import-plan` runs without a web server (and without the
// sign-in beans of ChatSignInConfiguration)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Controller
class ChatSignInController {

  private static final Logger log = LoggerFactory.getLogger(ChatSignInController.class);

  static final String LANDING = "/dashboard";
  static final String LOGIN = "/dashboard/login";

  private final Map<String, ChatIdentityProvider> providers;
  private final ChatSignInStates states;
  private final Accounts accounts;
  private final ServiceProperties service;

  ChatSignInController(ChatSignIns signIns, Accounts accounts, ServiceProperties service) {
    this.providers = signIns.providers();
    this.states = signIns.states();
    this.accounts = accounts;
    this.service = service;
  }

  @GetMapping("/sign-in/{platform}")
  Mono<Void> start(@PathVariable String platform, ServerWebExchange exchange) {
    ChatIdentityProvider provider = provider(platform);
    String redirectUri = redirectUri(exchange, platform);
    return states
        .issue(exchange, platform)
        .flatMap(
            state ->
                redirect(
                    exchange, provider.authorizeUrl(state, redirectUri, exchange.getRequest())));
  }

  @GetMapping("/sign-in/{platform}/callback")
  Mono<Void> callback(@PathVariable String platform, ServerWebExchange exchange) {
    ChatIdentityProvider provider = provider(platform);
    var query = exchange.getRequest().getQueryParams();
    return states
        .consume(exchange, platform, query.getFirst("state"))
        .flatMap(
            issued ->
                issued
                    ? provider.identify(query, redirectUri(exchange, platform))
                    : Mono.error(
                        new ChatSignInFailure(
                            ChatSignInRefusal.STATE,
                            platform + ": state not issued by this session, used or expired")))
        .flatMap(identity -> signIn(exchange, identity))
        .then(Mono.defer(() -> redirect(exchange, LANDING)))
        .onErrorResume(
            ChatSignInFailure.class,
            failure -> {
              RequestIds.logging(
                  exchange,
                  () ->
                      log.warn(
                          "chat sign-in refused ({}): {}",
                          failure.refusal().code(),
                          failure.getMessage()));
              return redirect(exchange, LOGIN + "?refused=" + failure.refusal().code());
            });
  }

  /** Signs in the account bound to {@code identity}; unbound or disabled ones are refused. */
  private Mono<Void> signIn(ServerWebExchange exchange, ChatIdentity identity) {
    String via = identity.platform().toLowerCase(Locale.ROOT);
    return accounts
        .findByChatIdentity(identity.platform(), identity.corpId(), identity.userId())
        .switchIfEmpty(
            Mono.error(
                new ChatSignInFailure(ChatSignInRefusal.UNKNOWN, via + ": identity not bound")))
        .flatMap(
            account -> {
              if (account.disabled()) {
                return Mono.error(
                    new ChatSignInFailure(
                        ChatSignInRefusal.DISABLED, via + ": account " + account.id()));
              }
              return accounts
                  .signIn(exchange, account, via)
                  // disabled or deleted between the look-up and the sign-in
                  .onErrorMap(
                      DomainException.class,
                      e ->
                          new ChatSignInFailure(
                              "ACCOUNT_DISABLED".equals(e.code())
                                  ? ChatSignInRefusal.DISABLED
                                  : ChatSignInRefusal.UNKNOWN,
                              via + ": " + e.code()))
                  .doOnSuccess(
                      done ->
                          RequestIds.logging(
                              exchange,
                              () -> log.info("chat sign-in: {} via {}", account.auditName(), via)));
            });
  }

  private ChatIdentityProvider provider(String platform) {
    ChatIdentityProvider provider = providers.get(platform);
    if (provider == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such sign-in");
    }
    return provider;
  }

  /**
   * Where the platform sends the browser back: under {@code duban.public-base-url} when set (the
   * address registered with the platform), else under the address this request came to (proxies'
   * forwarded headers are believed only from {@code duban.security.trusted-proxies}).
   */
  private String redirectUri(ServerWebExchange exchange, String platform) {
    String path = "/sign-in/" + platform + "/callback";
    return service
        .publicUrl(path)
        .orElseGet(
            () ->
                UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                    .replacePath(path)
                    .replaceQuery(null)
                    .fragment(null)
                    .build()
                    .toUriString());
  }

  private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
    return Mono.fromRunnable(
        () -> {
          var response = exchange.getResponse();
          response.setStatusCode(HttpStatus.FOUND);
          response.getHeaders().setLocation(URI.create(location));
        });
  }
}
