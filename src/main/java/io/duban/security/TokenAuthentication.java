package io.duban.security;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>} and turns a known token into its holder; a source
 * that presented too many unknown tokens is refused ({@link SignInThrottle}).
 */
final class TokenAuthentication
    implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

  private static final String PREFIX = "Bearer ";

  private final TokenRegistry registry;
  private final SignInThrottle throttle;

  TokenAuthentication(TokenRegistry registry, SignInThrottle throttle) {
    this.registry = registry;
    this.throttle = throttle;
  }

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Mono.empty();
    }
    String token = header.substring(PREFIX.length()).trim();
    boolean known = registry.find(token).isPresent();
    var refusal = throttle.refusal(ClientAddress.of(exchange.getRequest()), known);
    if (refusal.isPresent()) {
      return Mono.error(new SignInRefused(refusal.get()));
    }
    return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(token, token));
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    String token = String.valueOf(authentication.getCredentials());
    return Mono.justOrEmpty(registry.find(token))
        .<Authentication>map(
            holder ->
                UsernamePasswordAuthenticationToken.authenticated(
                    holder.name(),
                    null,
                    List.of(new SimpleGrantedAuthority(holder.role().authority()))))
        .switchIfEmpty(Mono.error(new BadCredentialsException("unknown API token")));
  }
}
