package io.duban.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeCom, DingTalk and Feishu's web login on loopback, as their documentation describes it: the
 * authorisation pages redirect back with a code and the state unchanged; codes work once and only
 * for the app they were issued to; app and user tokens are checked on every call and can be made to
 * expire; wrong secrets, codes and tokens get the platforms' error answers. Who is "at the
 * keyboard" on each platform is set by the test.
 */
final class FakeIdentityProvider implements AutoCloseable {

  static final String WECOM_CORP = "wwduban0001";
  static final String WECOM_AGENT = "1000002";
  static final String WECOM_SECRET = "wecom-sign-in-secret-value";
  static final String DINGTALK_CLIENT = "dingduban0001";
  static final String DINGTALK_SECRET = "dingtalk-sign-in-secret-value";
  static final String DINGTALK_CORP = "dingcorp0001";
  static final String FEISHU_APP = "cli_duban0001";
  static final String FEISHU_SECRET = "feishu-sign-in-secret-value";
  static final String FEISHU_TENANT = "736588c9260f175d";

  /** One request as the platform saw it. */
  record Seen(String method, String uri, Map<String, String> headers, String body) {
    String path() {
      int q = uri.indexOf('?');
      return q < 0 ? uri : uri.substring(0, q);
    }
  }

  /**
   * The person signed in on a platform: WeCom {@code userId} (or, when null, an outsider with only
   * an openid); DingTalk {@code unionId}, the {@code corpId} chosen on the login page and the
   * {@code userId} in the bureau's corp (null: not a member); Feishu {@code corpId} as tenant_key.
   */
  record Person(String userId, String unionId, String corpId) {}

  private record Grant(String platform, Person person, String redirectUri, boolean[] used) {}

  private final JsonMapper json = JsonMapper.builder().build();
  private final LoopResources loops = LoopResources.create("fake-idp", 1, true);
  private final DisposableServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Person> atKeyboard = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Person> userTokens = new ConcurrentHashMap<>();
  private final Map<String, Boolean> appTokens = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();

  FakeIdentityProvider() {
    server =
        HttpServer.create()
            .runOn(loops)
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> answer(req, res, body)))
            .bindNow();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Who signs in next on {@code platform} ({@code wecom}, {@code dingtalk}, {@code feishu}). */
  FakeIdentityProvider signedIn(String platform, Person person) {
    atKeyboard.put(platform, person);
    return this;
  }

  /** Every app and user token issued so far stops working (42001 / InvalidAuthentication). */
  void expireTokens() {
    appTokens.replaceAll((token, valid) -> false);
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  private Mono<Void> answer(HttpServerRequest req, HttpServerResponse res, String body) {
    Map<String, String> headers = new ConcurrentHashMap<>();
    req.requestHeaders().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
    Seen s = new Seen(req.method().name(), req.uri(), headers, body);
    seen.add(s);
    Map<String, String> q = query(req.uri());
    JsonNode in = body.isBlank() ? json.createObjectNode() : json.readTree(body);
    return switch (s.path()) {
      case "/connect/oauth2/authorize" -> authorize(res, "wecom", q, q.get("appid"), WECOM_CORP);
      case "/wwlogin/sso/login" -> authorize(res, "wecom", q, q.get("appid"), WECOM_CORP);
      case "/cgi-bin/gettoken" -> wecomToken(res, q);
      case "/cgi-bin/auth/getuserinfo" -> wecomUser(res, q);
      case "/oauth2/auth" -> authorize(res, "dingtalk", q, q.get("client_id"), DINGTALK_CLIENT);
      case "/v1.0/oauth2/userAccessToken" -> dingtalkUserToken(res, in);
      case "/v1.0/contact/users/me" -> dingtalkMe(res, headers);
      case "/v1.0/oauth2/accessToken" -> dingtalkAppToken(res, in);
      case "/topapi/user/getbyunionid" -> dingtalkUserId(res, q, in);
      case "/open-apis/authen/v1/authorize" ->
          authorize(res, "feishu", q, q.get("client_id"), FEISHU_APP);
      case "/open-apis/authen/v2/oauth/token" -> feishuToken(res, in);
      case "/open-apis/authen/v1/user_info" -> feishuUser(res, headers);
      default -> send(res, 404, "{\"errcode\":404,\"errmsg\":\"no such path\"}");
    };
  }

  /**
   * The authorisation page: the person at the keyboard agrees at once; back with code and state.
   */
  private Mono<Void> authorize(
      HttpServerResponse res, String platform, Map<String, String> q, String app, String ourApp) {
    String redirect = q.get("redirect_uri");
    Person person = atKeyboard.get(platform);
    if (!ourApp.equals(app) || redirect == null || person == null) {
      return send(res, 400, "{\"errcode\":40013,\"errmsg\":\"invalid appid or redirect_uri\"}");
    }
    String code = platform + "-code-" + counter.incrementAndGet();
    codes.put(code, new Grant(platform, person, redirect, new boolean[] {false}));
    String codeName = platform.equals("dingtalk") ? "authCode" : "code";
    String back =
        redirect
            + (redirect.contains("?") ? "&" : "?")
            + codeName
            + "="
            + code
            + "&state="
            + java.net.URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
    return res.status(302).header("Location", back).send();
  }

  /** A code issued for {@code platform} and not used before; it is used up by this call. */
  private Grant redeem(String platform, String code) {
    Grant grant = code == null ? null : codes.get(code);
    if (grant == null || !grant.platform().equals(platform)) {
      return null;
    }
    synchronized (grant) {
      if (grant.used()[0]) {
        return null;
      }
      grant.used()[0] = true;
    }
    return grant;
  }

  private String appToken(String prefix) {
    String token = prefix + "-app-token-" + counter.incrementAndGet();
    appTokens.put(token, true);
    return token;
  }

  private Mono<Void> wecomToken(HttpServerResponse res, Map<String, String> q) {
    if (!WECOM_CORP.equals(q.get("corpid"))) {
      return send(res, 200, "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
    }
    if (!WECOM_SECRET.equals(q.get("corpsecret"))) {
      return send(res, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
    }
    return send(
        res,
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\""
            + appToken("wecom")
            + "\",\"expires_in\":7200}");
  }

  private Mono<Void> wecomUser(HttpServerResponse res, Map<String, String> q) {
    Boolean valid = appTokens.get(q.getOrDefault("access_token", ""));
    if (valid == null) {
      return send(res, 200, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
    }
    if (!valid) {
      return send(res, 200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
    }
    Grant grant = redeem("wecom", q.get("code"));
    if (grant == null) {
      return send(res, 200, "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
    }
    if (grant.person().userId() == null) {
      return send(
          res,
          200,
          "{\"errcode\":0,\"errmsg\":\"ok\",\"openid\":\"oOUTSIDER\",\"external_userid\":\"wmX\"}");
    }
    return send(
        res,
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"" + grant.person().userId() + "\"}");
  }

  private Mono<Void> dingtalkUserToken(HttpServerResponse res, JsonNode in) {
    if (!DINGTALK_CLIENT.equals(text(in, "clientId"))
        || !DINGTALK_SECRET.equals(text(in, "clientSecret"))) {
      return send(
          res,
          400,
          "{\"code\":\"invalidClientIdOrSecret\",\"message\":\"无效的clientId或者clientSecret\"}");
    }
    if (!"authorization_code".equals(text(in, "grantType"))) {
      return send(res, 400, "{\"code\":\"unsupportedGrantType\",\"message\":\"不支持的grantType\"}");
    }
    Grant grant = redeem("dingtalk", text(in, "code"));
    if (grant == null) {
      return send(res, 400, "{\"code\":\"invalidAuthCode\",\"message\":\"不合法的临时授权码\"}");
    }
    String token = "dingtalk-user-token-" + counter.incrementAndGet();
    userTokens.put(token, grant.person());
    appTokens.put(token, true);
    return send(
        res,
        200,
        "{\"accessToken\":\""
            + token
            + "\",\"refreshToken\":\"r-"
            + token
            + "\",\"expireIn\":7200,\"corpId\":\""
            + grant.person().corpId()
            + "\"}");
  }

  private Mono<Void> dingtalkMe(HttpServerResponse res, Map<String, String> headers) {
    String token = headers.getOrDefault("x-acs-dingtalk-access-token", "");
    Person person = userTokens.get(token);
    if (person == null || !appTokens.getOrDefault(token, false)) {
      return send(
          res, 401, "{\"code\":\"InvalidAuthentication\",\"message\":\"不合法的access_token\"}");
    }
    return send(
        res,
        200,
        "{\"nick\":\"钉钉用户\",\"unionId\":\""
            + person.unionId()
            + "\",\"openId\":\"open-"
            + person.unionId()
            + "\",\"stateCode\":\"86\"}");
  }

  private Mono<Void> dingtalkAppToken(HttpServerResponse res, JsonNode in) {
    if (!DINGTALK_CLIENT.equals(text(in, "appKey"))
        || !DINGTALK_SECRET.equals(text(in, "appSecret"))) {
      return send(
          res, 400, "{\"code\":\"invalidClientIdOrSecret\",\"message\":\"无效的appKey或appSecret\"}");
    }
    return send(res, 200, "{\"accessToken\":\"" + appToken("dingtalk") + "\",\"expireIn\":7200}");
  }

  private Mono<Void> dingtalkUserId(HttpServerResponse res, Map<String, String> q, JsonNode in) {
    Boolean valid = appTokens.get(q.getOrDefault("access_token", ""));
    if (valid == null || userTokens.containsKey(q.getOrDefault("access_token", ""))) {
      return send(res, 200, "{\"errcode\":40014,\"errmsg\":\"不合法的access_token\"}");
    }
    if (!valid) {
      return send(res, 200, "{\"errcode\":42001,\"errmsg\":\"access_token超时\"}");
    }
    String unionId = text(in, "unionid");
    Person member =
        atKeyboard.values().stream()
            .filter(p -> unionId.equals(p.unionId()) && p.userId() != null)
            .findFirst()
            .orElse(null);
    if (member == null || !DINGTALK_CORP.equals(member.corpId())) {
      return send(res, 200, "{\"errcode\":60121,\"errmsg\":\"找不到该用户\"}");
    }
    return send(
        res,
        200,
        "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":0,\"userid\":\""
            + member.userId()
            + "\"},\"request_id\":\"r1\"}");
  }

  private Mono<Void> feishuToken(HttpServerResponse res, JsonNode in) {
    if (!FEISHU_APP.equals(text(in, "client_id"))
        || !FEISHU_SECRET.equals(text(in, "client_secret"))) {
      return send(
          res,
          400,
          "{\"code\":20002,\"error\":\"invalid_client\",\"error_description\":\"client secret"
              + " is invalid\"}");
    }
    Grant grant = redeem("feishu", text(in, "code"));
    // RFC 6749 4.1.3: the redirect_uri must be the one the code was issued for
    if (grant == null || !grant.redirectUri().equals(text(in, "redirect_uri"))) {
      return send(
          res,
          400,
          "{\"code\":20003,\"error\":\"invalid_grant\",\"error_description\":\"The authorization"
              + " code is invalid\"}");
    }
    String token = "feishu-user-token-" + counter.incrementAndGet();
    userTokens.put(token, grant.person());
    appTokens.put(token, true);
    return send(
        res,
        200,
        "{\"code\":0,\"access_token\":\""
            + token
            + "\",\"expires_in\":7200,\"token_type\":\"Bearer\",\"scope\":\"\"}");
  }

  private Mono<Void> feishuUser(HttpServerResponse res, Map<String, String> headers) {
    String auth = headers.getOrDefault("authorization", "");
    String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
    Person person = userTokens.get(token);
    if (person == null) {
      return send(
          res, 400, "{\"code\":99991668,\"msg\":\"Invalid access token for authorization\"}");
    }
    if (!appTokens.getOrDefault(token, false)) {
      return send(res, 400, "{\"code\":99991677,\"msg\":\"Authentication token expired\"}");
    }
    return send(
        res,
        200,
        "{\"code\":0,\"msg\":\"success\",\"data\":{\"name\":\"飞书用户\",\"open_id\":\"ou_"
            + person.userId()
            + "\",\"union_id\":\"on_"
            + person.userId()
            + "\",\"user_id\":\""
            + person.userId()
            + "\",\"tenant_key\":\""
            + person.corpId()
            + "\"}}");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asString();
  }

  private static Map<String, String> query(String uri) {
    Map<String, String> q = new ConcurrentHashMap<>();
    int at = uri.indexOf('?');
    if (at < 0) {
      return q;
    }
    for (String pair : uri.substring(at + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static Mono<Void> send(HttpServerResponse res, int status, String body) {
    return res.status(status)
        .header("Content-Type", "application/json; charset=utf-8")
        .sendString(Mono.just(body))
        .then();
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
    loops.dispose();
  }
}
