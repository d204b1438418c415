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

/** Reads {@code Authorization: Bearer <token>} and turns a known token into its holder. */
final class TokenAuthentication
    implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

  private static final String PREFIX = "Bearer ";

  private final TokenRegistry registry;

  TokenAuthentication(TokenRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Mono.empty();
    }
    String token = header.substring(PREFIX.length()).trim();
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
