package io.duban.dashboard;

import io.duban.security.ApiTokens;
import io.duban.security.ClientAddress;
import io.duban.security.Role;
import io.duban.security.SecurityHeaders;
import io.duban.security.SignInRefused;
import io.duban.security.SignInThrottle;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sign-in for the web pages: a form takes a LEADER or ADMIN API token once, and a session cookie
 * (HttpOnly, SameSite=Lax, Secure when the browser spoke https, see {@code
 * server.reactive.session.cookie} and {@code duban.security.trusted-proxies}) carries the sign-in;
 * every form is CSRF-protected. A source that typed too many wrong tokens is refused for a while
 * (429, {@link SignInThrottle}). Runs after the API chain, which owns {@code /api/**}, {@code
 * /actuator/**} and {@code /callbacks/**}; published digest charts ({@code /charts/**}) have a
 * chain of their own, open to anyone with the link.
 */
// web filter chains exist only when serving; `import-plan` runs without a web server
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class DashboardSecurity {

  static final String LOGIN = "/dashboard/login";

  /** The chat simulator types as any contact: admins only, refused with 403 for anyone else. */
  private static final ServerWebExchangeMatcher SIMULATOR =
      ServerWebExchangeMatchers.pathMatchers("/dashboard/simulator", "/dashboard/simulator/**");

  /** Refused outright rather than sent back to the board: the simulator and the decision forms. */
  private static final ServerWebExchangeMatcher REFUSED_WITH_403 =
      new org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher(
          SIMULATOR,
          ServerWebExchangeMatchers.pathMatchers(
              HttpMethod.POST,
              "/dashboard/items/*/extension",
              "/dashboard/items/*/review",
              "/dashboard/items/*/return"));

  @Bean
  @Order(2)
  SecurityWebFilterChain dashboardFilterChain(
      ServerHttpSecurity http, ApiTokens tokens, SignInThrottle throttle) {
    var contexts = new WebSessionServerSecurityContextRepository();
    AuthenticationWebFilter signIn = new AuthenticationWebFilter(manager(tokens));
    signIn.setRequiresAuthenticationMatcher(
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, LOGIN));
    signIn.setServerAuthenticationConverter(
        exchange ->
            exchange
                .getFormData()
                .flatMap(
                    form -> {
                      String token = form.getFirst("token");
                      if (token == null || token.isBlank()) {
                        return Mono.error(new BadCredentialsException("no token"));
                      }
                      boolean known = tokens.roleOf(token).isPresent();
                      var refusal =
                          throttle.refusal(ClientAddress.of(exchange.getRequest()), known);
                      return refusal.isPresent()
                          ? Mono.error(new SignInRefused(refusal.get()))
                          : Mono.just(
                              UsernamePasswordAuthenticationToken.unauthenticated(token, token));
                    }));
    signIn.setSecurityContextRepository(contexts);
    var landing = new RedirectServerAuthenticationSuccessHandler("/dashboard");
    // a new session id after sign-in, so a session id planted before it is worthless
    signIn.setAuthenticationSuccessHandler(
        (filterExchange, authentication) ->
            filterExchange
                .getExchange()
                .getSession()
                .flatMap(session -> session.changeSessionId())
                .then(landing.onAuthenticationSuccess(filterExchange, authentication)));
    var wrongToken = new RedirectServerAuthenticationFailureHandler(LOGIN + "?error");
    signIn.setAuthenticationFailureHandler(
        (filterExchange, e) ->
            e instanceof SignInRefused refused
                ? refuse(filterExchange.getExchange(), refused)
                : wrongToken.onAuthenticationFailure(filterExchange, e));

    var logoutSuccess = new RedirectServerLogoutSuccessHandler();
    logoutSuccess.setLogoutSuccessUrl(URI.create(LOGIN + "?logout"));
    var redirect = new DefaultServerRedirectStrategy();
    var csrfTokens = new XorServerCsrfTokenRequestAttributeHandler();
    // never read a multipart body before authorisation: upload pages send the token in the
    // X-CSRF-TOKEN header (dashboard/assets/upload.js), so an anonymous upload is refused unread
    csrfTokens.setTokenFromMultipartDataEnabled(false);
    return http.securityMatcher(
            ServerWebExchangeMatchers.pathMatchers("/", "/dashboard", "/dashboard/**"))
        .securityContextRepository(contexts)
        .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfTokens))
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .addFilterAt(signIn, SecurityWebFiltersOrder.FORM_LOGIN)
        .logout(
            logout ->
                logout
                    .logoutUrl("/dashboard/logout")
                    .logoutHandler(
                        new DelegatingServerLogoutHandler(
                            new SecurityContextServerLogoutHandler(),
                            new WebSessionServerLogoutHandler()))
                    .logoutSuccessHandler(logoutSuccess))
        .headers(SecurityHeaders.with(SecurityHeaders.PAGES))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN))
                    .accessDeniedHandler(
                        (exchange, denied) ->
                            REFUSED_WITH_403
                                .matches(exchange)
                                .flatMap(
                                    match ->
                                        match.isMatch()
                                            ? forbidden(exchange)
                                            : redirect.sendRedirect(
                                                exchange, URI.create("/dashboard?denied")))))
        .authorizeExchange(
            rules ->
                rules
                    .pathMatchers("/", LOGIN, "/dashboard/assets/**")
                    .permitAll()
                    .pathMatchers(
                        "/dashboard/admin/**", "/dashboard/simulator", "/dashboard/simulator/**")
                    .hasRole(Role.ADMIN.name())
                    // the item page's decisions: 延期 is the responsible leader's, 复核 the 督查
                    // office's, 退回 either's; admins may do all
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/extension")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/review")
                    .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/return")
                    .hasAnyRole(Role.LEADER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                    // the 督查 office reads the pages and files 交办事项, but does not 办结
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/**")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    .anyExchange()
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name(), Role.SUPERVISOR.name()))
        .build();
  }

  /**
   * Published digest charts are open to anyone holding the link (DingTalk and Feishu fetch them
   * without credentials): GET only, no session, no cookie.
   */
  @Bean
  @Order(3)
  SecurityWebFilterChain publishedChartsFilterChain(ServerHttpSecurity http) {
    return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/charts/**"))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(
            headers -> {
              SecurityHeaders.with(SecurityHeaders.DATA).customize(headers);
              // the controller marks charts cacheable: they never change once published
              headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable);
            })
        .authorizeExchange(
            rules ->
                rules
                    .pathMatchers(HttpMethod.GET, "/charts/**")
                    .permitAll()
                    .anyExchange()
                    .denyAll())
        .build();
  }

  /** 403 with a fixed Chinese JSON answer (the simulator page and its endpoints). */
  private static Mono<Void> forbidden(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.FORBIDDEN);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body =
        "{\"error\":\"FORBIDDEN\",\"message\":\"模拟器仅限管理员使用\"}".getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  /** 429 with a fixed Chinese page: how long to wait, and the way back to the form. */
  private static Mono<Void> refuse(ServerWebExchange exchange, SignInRefused refused) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
    response
        .getHeaders()
        .setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
    response
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, SignInThrottle.retryAfter(refused.waitFor()));
    String page =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>督办助手</title>"
            + "</head><body><p id=\"refused\">"
            + SignInThrottle.message(refused.waitFor())
            + "</p><p><a href=\""
            + LOGIN
            + "\">返回登录</a></p></body></html>";
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
  }

  private static ReactiveAuthenticationManager manager(ApiTokens tokens) {
    return authentication -> {
      String token = String.valueOf(authentication.getCredentials());
      return Mono.justOrEmpty(tokens.roleOf(token))
          .<Authentication>map(
              role ->
                  UsernamePasswordAuthenticationToken.authenticated(
                      tokens.holderOf(token).orElse(role.name().toLowerCase()),
                      null,
                      List.of(new SimpleGrantedAuthority("ROLE_" + role.name()))))
          .switchIfEmpty(Mono.error(new BadCredentialsException("unknown token")));
    };
  }
}
