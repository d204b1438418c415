package io.duban.security;

import static io.duban.security.ChatIdentityProvider.encode;

import io.duban.chat.AccessTokens;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/**
 * Sign-in with DingTalk as its open platform documents the OAuth 2.0 web login of an internal app:
 * the browser goes to "OAuth登录授权" ({@code login.dingtalk.com/oauth2/auth?redirect_uri=…
 * &response_type=code&client_id=…&scope=openid corpid&state=…&prompt=consent}; {@code corpid} in
 * the scope makes the user choose an organisation) and comes back with {@code authCode} and {@code
 * state}. Server-side, "获取用户token" ({@code POST /v1.0/oauth2/userAccessToken} with {@code clientId,
 * clientSecret, code, grantType=authorization_code}) answers {@code accessToken} and the chosen
 * {@code corpId}; "获取用户通讯录个人信息" ({@code GET /v1.0/contact/users/me} with header {@code
 * x-acs-dingtalk-access-token}) the {@code unionId}; and "根据unionid获取用户userid" ({@code POST oapi
 * /topapi/user/getbyunionid?access_token=} with the app's token from "获取企业内部应用的accessToken", {@code
 * POST /v1.0/oauth2/accessToken}) the member's {@code userid}, which is how robots know them.
 */
final class DingTalkSignIn implements ChatIdentityProvider {

  /** The older API's invalid (40014) or expired (42001) access token: fetch a fresh one, once. */
  private static final Set<Long> TOKEN_GONE = Set.of(40014L, 42001L);

  /** getbyunionid: no such user in this organisation. */
  private static final long NOT_A_MEMBER = 60121L;

  private final ChatSignInProperties.DingTalk app;
  private final SignInHttp http;
  private final AccessTokens tokens;

  DingTalkSignIn(ChatSignInProperties.DingTalk app, SignInHttp http, AccessTokens tokens) {
    this.app = app;
    this.http = http;
    this.tokens = tokens;
  }

  @Override
  public String key() {
    return "dingtalk";
  }

  @Override
  public String authorizeUrl(String state, String redirectUri, ServerHttpRequest request) {
    return app.authorizeUrl()
        + "?redirect_uri="
        + encode(redirectUri)
        + "&response_type=code&client_id="
        + encode(app.clientId())
        + "&scope=openid%20corpid&state="
        + state
        + "&prompt=consent";
  }

  @Override
  public Mono<ChatIdentity> identify(MultiValueMap<String, String> query, String redirectUri) {
    String code = query.getFirst("authCode");
    if (code == null || code.isBlank()) {
      code = query.getFirst("code");
    }
    if (code == null || code.isBlank()) {
      return Mono.error(ChatIdentityProvider.platformError("dingtalk", "authorisation", "no code"));
    }
    var request = http.object();
    request.put("clientId", app.clientId());
    request.put("clientSecret", app.clientSecret());
    request.put("code", code);
    request.put("grantType", "authorization_code");
    return http.post(app.apiBaseUrl() + "/v1.0/oauth2/userAccessToken", Map.of(), request)
        .flatMap(this::userToken)
        .flatMap(
            userToken ->
                http.get(
                    app.apiBaseUrl() + "/v1.0/contact/users/me",
                    Map.of("x-acs-dingtalk-access-token", userToken)))
        .flatMap(this::unionId)
        .flatMap(this::member);
  }

  private Mono<String> userToken(SignInHttp.Answer answer) {
    String token = answer.text("accessToken");
    if (answer.status() != 200 || token.isBlank()) {
      return Mono.error(
          ChatIdentityProvider.platformError("dingtalk", "userAccessToken", answer.summary()));
    }
    String corpId = answer.text("corpId");
    if (!corpId.isEmpty() && !corpId.equals(app.corpId())) {
      return Mono.error(
          new ChatSignInFailure(ChatSignInRefusal.WRONG_CORP, "dingtalk: chose another corp"));
    }
    return Mono.just(token);
  }

  private Mono<String> unionId(SignInHttp.Answer answer) {
    String unionId = answer.text("unionId");
    if (answer.status() != 200 || unionId.isBlank()) {
      return Mono.error(
          ChatIdentityProvider.platformError("dingtalk", "contact/users/me", answer.summary()));
    }
    return Mono.just(unionId);
  }

  private Mono<ChatIdentity> member(String unionId) {
    var request = http.object();
    request.put("unionid", unionId);
    return tokens
        .call(
            "sign-in:dingtalk:" + app.clientId(),
            this::fetchAppToken,
            token ->
                http.post(
                    app.oapiBaseUrl() + "/topapi/user/getbyunionid?access_token=" + encode(token),
                    Map.of(),
                    request),
            answer -> TOKEN_GONE.contains(answer.number("errcode", 0)))
        .flatMap(
            answer -> {
              long errcode = answer.number("errcode", -1);
              if (errcode == NOT_A_MEMBER) {
                return Mono.error(
                    new ChatSignInFailure(
                        ChatSignInRefusal.WRONG_CORP, "dingtalk: not a member of the corp"));
              }
              var result = answer.body().get("result");
              String userId =
                  result == null || result.get("userid") == null
                      ? ""
                      : result.get("userid").asString();
              if (answer.status() != 200 || errcode != 0 || userId.isBlank()) {
                return Mono.error(
                    ChatIdentityProvider.platformError(
                        "dingtalk", "getbyunionid", answer.summary()));
              }
              return Mono.just(new ChatIdentity("DINGTALK", app.corpId(), userId));
            });
  }

  private Mono<AccessTokens.Token> fetchAppToken() {
    var request = http.object();
    request.put("appKey", app.clientId());
    request.put("appSecret", app.clientSecret());
    return http.post(app.apiBaseUrl() + "/v1.0/oauth2/accessToken", Map.of(), request)
        .flatMap(
            answer -> {
              String token = answer.text("accessToken");
              if (answer.status() != 200 || token.isBlank()) {
                return Mono.error(
                    ChatIdentityProvider.platformError(
                        "dingtalk", "accessToken", answer.summary()));
              }
              return Mono.just(tokens.token(token, answer.number("expireIn", 7200)));
            });
  }
}
