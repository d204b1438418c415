package io.duban.security;

import static io.duban.security.ChatIdentityProvider.encode;

import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Sign-in with Feishu as its open platform documents web app login: "获取授权码" (document
 * common-capabilities/sso/api/obtain-oauth-code: {@code accounts.feishu.cn/open-apis/authen/v1/
 * authorize?client_id=…&redirect_uri=…&state=…}, back with {@code code} and {@code state}, the code
 * valid five minutes and once); "获取 user_access_token" ({@code POST /open-apis/authen/v2/oauth/
 * token}, RFC 6749, with {@code grant_type=authorization_code, client_id, client_secret, code,
 * redirect_uri}; {@code code} 0 and {@code access_token} on success); "获取用户信息" ({@code GET
 * /open-apis/authen/v1/user_info} with {@code Authorization: Bearer}; {@code data.tenant_key},
 * {@code data.user_id} (with the contact:user.employee_id:readonly permission), {@code
 * data.open_id}).
 */
final class FeishuSignIn implements ChatIdentityProvider {

  private final ChatSignInProperties.Feishu app;
  private final SignInHttp http;

  FeishuSignIn(ChatSignInProperties.Feishu app, SignInHttp http) {
    this.app = app;
    this.http = http;
  }

  @Override
  public String key() {
    return "feishu";
  }

  @Override
  public String authorizeUrl(String state, String redirectUri, ServerHttpRequest request) {
    return app.authorizeUrl()
        + "?client_id="
        + encode(app.appId())
        + "&redirect_uri="
        + encode(redirectUri)
        + "&response_type=code&state="
        + state;
  }

  @Override
  public Mono<ChatIdentity> identify(MultiValueMap<String, String> query, String redirectUri) {
    String code = query.getFirst("code");
    if (code == null || code.isBlank()) {
      return Mono.error(ChatIdentityProvider.platformError("feishu", "authorisation", "no code"));
    }
    var request = http.object();
    request.put("grant_type", "authorization_code");
    request.put("client_id", app.appId());
    request.put("client_secret", app.appSecret());
    request.put("code", code);
    request.put("redirect_uri", redirectUri);
    return http.post(app.apiBaseUrl() + "/open-apis/authen/v2/oauth/token", Map.of(), request)
        .flatMap(
            answer -> {
              String token = answer.text("access_token");
              if (answer.status() != 200 || answer.number("code", -1) != 0 || token.isBlank()) {
                return Mono.error(
                    ChatIdentityProvider.platformError("feishu", "oauth/token", answer.summary()));
              }
              return http.get(
                  app.apiBaseUrl() + "/open-apis/authen/v1/user_info",
                  Map.of("Authorization", "Bearer " + token));
            })
        .flatMap(this::member);
  }

  private Mono<ChatIdentity> member(SignInHttp.Answer answer) {
    var data = answer.body().get("data");
    if (answer.status() != 200 || answer.number("code", -1) != 0 || data == null) {
      return Mono.error(
          ChatIdentityProvider.platformError("feishu", "user_info", answer.summary()));
    }
    String tenant = text(data, "tenant_key");
    if (!tenant.equals(app.tenantKey())) {
      return Mono.error(
          new ChatSignInFailure(ChatSignInRefusal.WRONG_CORP, "feishu: user of another tenant"));
    }
    String userId = text(data, "user_id");
    if (userId.isBlank()) {
      userId = text(data, "open_id");
    }
    if (userId.isBlank()) {
      return Mono.error(ChatIdentityProvider.platformError("feishu", "user_info", "no user id"));
    }
    return Mono.just(new ChatIdentity("FEISHU", tenant, userId));
  }

  private static String text(tools.jackson.databind.JsonNode data, String field) {
    var node = data.get(field);
    return node == null || node.isNull() ? "" : node.asString();
  }
}
