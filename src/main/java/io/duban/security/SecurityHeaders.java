package io.duban.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;

/**
 * The headers every response carries, whichever filter chain answers it: Spring Security's defaults
 * ({@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, no caching, and HSTS
 * when the request came over https) plus a referrer policy and a content security policy.
 */
public final class SecurityHeaders {

  /** For pages: own scripts and styles only (inline styles for Swagger UI), never framed. */
  public static final String PAGES =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

  /** For JSON, images and callbacks: nothing may load from them, nothing may frame them. */
  public static final String DATA =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private SecurityHeaders() {}

  /** The headers with the given content security policy. */
  public static Customizer<ServerHttpSecurity.HeaderSpec> with(String contentSecurityPolicy) {
    return headers ->
        headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
  }
}
