package io.duban.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>} and turns a known token into its holder: a configured
 * service token (its name is the audit name) or a person's own API token ({@link AccountTokens}); a
 * source that presented too many unknown tokens is refused ({@link SignInThrottle}). The converter
 * proves the caller; the manager has nothing left to check.
 */
final class TokenAuthentication
    implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

  private static final String PREFIX = "Bearer ";

  private final TokenRegistry registry;
  private final AccountTokens personal;
  private final SignInThrottle throttle;

  TokenAuthentication(TokenRegistry registry, AccountTokens personal, SignInThrottle throttle) {
    this.registry = registry;
    this.personal = personal;
    this.throttle = throttle;
  }

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Mono.empty();
    }
    String token = header.substring(PREFIX.length()).trim();
    String source = ClientAddress.of(exchange.getRequest());
    Mono<Authentication> holder =
        registry
            .find(token)
            .map(t -> Mono.just(SignedIn.service(t.name(), t.role())))
            .orElseGet(() -> personal.authenticate(token));
    return holder
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMap(
            found ->
                throttle
                    .token(source, found.isPresent())
                    .then(
                        Mono.defer(
                            () ->
                                found
                                    .map(Mono::just)
                                    .orElseGet(
                                        () ->
                                            Mono.error(
                                                new BadCredentialsException(
                                                    "unknown API token"))))));
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    return Mono.just(authentication);
  }
}
