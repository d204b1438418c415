package io.duban.dashboard;

import io.duban.security.ClientAddress;
import io.duban.security.FormSignIn;
import io.duban.security.Role;
import io.duban.security.SecurityHeaders;
import io.duban.security.SignInRefused;
import io.duban.security.SignInThrottle;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
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
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sign-in for the web pages: a form takes a person's login and password, or a configured service
 * token ({@link FormSignIn}), once, and a session cookie (HttpOnly, SameSite=Lax, Secure when the
 * browser spoke https, see {@code server.reactive.session.cookie} and {@code
 * duban.security.trusted-proxies}) carries the sign-in; every form is CSRF-protected. A source or
 * account with too many failures is refused for a while (429, {@link SignInThrottle}). Roles: every
 * role reads; 确认办结/重新打开 are LEADER's, 待核实 is SUPERVISOR's (督查专员), configuration and the simulator
 * are ADMIN's, and ADMIN may do all. Runs after the API chain, which owns {@code /api/**}, {@code
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
  SecurityWebFilterChain dashboardFilterChain(ServerHttpSecurity http, FormSignIn forms) {
    var contexts = new WebSessionServerSecurityContextRepository();
    // the converter proves who signs in (FormSignIn); the manager has nothing left to check
    AuthenticationWebFilter signIn =
        new AuthenticationWebFilter((ReactiveAuthenticationManager) Mono::just);
    signIn.setRequiresAuthenticationMatcher(
        ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, LOGIN));
    signIn.setServerAuthenticationConverter(
        exchange -> exchange.getFormData().flatMap(form -> form(form, exchange, forms)));
    signIn.setSecurityContextRepository(contexts);
    var landing = new RedirectServerAuthenticationSuccessHandler("/dashboard");
    // a new session id after sign-in, so a session id planted before it is worthless
    signIn.setAuthenticationSuccessHandler(
        (filterExchange, authentication) ->
            filterExchange
                .getExchange()
                .getSession()
                .flatMap(session -> session.changeSessionId())
                .then(forms.audited(authentication, filterExchange.getExchange()))
                .then(landing.onAuthenticationSuccess(filterExchange, authentication)));
    var wrong = new RedirectServerAuthenticationFailureHandler(LOGIN + "?error");
    var disabled = new RedirectServerAuthenticationFailureHandler(LOGIN + "?disabled");
    signIn.setAuthenticationFailureHandler(
        (filterExchange, e) ->
            e instanceof SignInRefused refused
                ? refuse(filterExchange.getExchange(), refused)
                : e instanceof DisabledException
                    ? disabled.onAuthenticationFailure(filterExchange, e)
                    : wrong.onAuthenticationFailure(filterExchange, e));

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
                    // 待核实: the 督查 office's work
                    .pathMatchers("/dashboard/review", "/dashboard/review/**")
                    .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                    // 确认办结 and 重新打开 are the leaders' decisions
                    .pathMatchers(
                        HttpMethod.POST, "/dashboard/items/*/close", "/dashboard/items/*/reopen")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    // the item page's decisions: 延期 is the responsible leader's, 复核 the 督查
                    // office's, 退回 either's; admins may do all
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/extension")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/review")
                    .hasAnyRole(Role.SUPERVISOR.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/*/return")
                    .hasAnyRole(Role.LEADER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/items/**")
                    .hasAnyRole(Role.LEADER.name(), Role.ADMIN.name())
                    // 交办: leaders and the 督查 office file 交办事项 (form and 交办清单)
                    .pathMatchers("/dashboard/tasks", "/dashboard/tasks/**")
                    .hasAnyRole(Role.LEADER.name(), Role.SUPERVISOR.name(), Role.ADMIN.name())
                    // the 通报 is for leaders and the 督查 office that circulates it
                    .pathMatchers(HttpMethod.GET, "/dashboard/bulletin*")
                    .hasAnyRole(Role.SUPERVISOR.name(), Role.LEADER.name(), Role.ADMIN.name())
                    .pathMatchers(HttpMethod.POST, "/dashboard/logout")
                    .authenticated()
                    // reading is for every role; any other change is an admin's
                    .pathMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**")
                    .hasAnyRole(
                        Role.VIEWER.name(),
                        Role.SUPERVISOR.name(),
                        Role.LEADER.name(),
                        Role.ADMIN.name())
                    .anyExchange()
                    .hasRole(Role.ADMIN.name()))
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

  private static Mono<Authentication> form(
      MultiValueMap<String, String> form, ServerWebExchange exchange, FormSignIn forms) {
    return forms.check(form, ClientAddress.of(exchange.getRequest()));
  }
}
