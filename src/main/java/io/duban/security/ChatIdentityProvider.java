package io.duban.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * One platform's OAuth 2.0 style web login: where to send the browser, and how to turn the code it
 * brings back into the user's identity, asked of the platform server-side.
 */
interface ChatIdentityProvider {

  /** The key in {@code /sign-in/<key>}. */
  String key();

  /**
   * The platform's authorisation page for this browser.
   *
   * @param state the single-use value the platform hands back unchanged
   * @param redirectUri where the platform sends the browser back, registered with the platform
   * @param request the browser's request (WeCom chooses its page by the client it runs in)
   */
  String authorizeUrl(String state, String redirectUri, ServerHttpRequest request);

  /**
   * The user the platform vouches for, from the query the browser came back with; fails with a
   * {@link ChatSignInFailure} when the platform refuses or the user is not of the bureau's corp.
   */
  Mono<ChatIdentity> identify(MultiValueMap<String, String> query, String redirectUri);

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static ChatSignInFailure platformError(String platform, String step, Object answer) {
    return new ChatSignInFailure(
        ChatSignInRefusal.PLATFORM, platform + " " + step + " refused: " + answer);
  }
}
