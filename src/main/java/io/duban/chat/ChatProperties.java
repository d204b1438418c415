package io.duban.chat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The bots Duban runs, per platform ({@code duban.chat.<platform>}). Each bot has an {@code id}
 * that appears in its callback URL ({@code /callbacks/<platform>/<id>}). Secrets come from the
 * environment in production and are never logged or returned; {@code toString()} of every bot
 * record hides them.
 *
 * @param wecom WeCom / 粤政易 bots (self-built app, group robot, smart bot)
 * @param dingtalk DingTalk robots and event-push apps
 * @param feishu Feishu / Lark apps and custom bots
 * @param generic signed JSON webhooks for other bots and local use (the chat simulator)
 */
@ConfigurationProperties("duban.chat")
public record ChatProperties(
    List<WeComBot> wecom,
    List<DingTalkBot> dingtalk,
    List<FeishuBot> feishu,
    List<GenericBot> generic) {

  /** Default accepted difference between a callback's timestamp and our clock. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  public ChatProperties {
    wecom = wecom == null ? List.of() : List.copyOf(wecom);
    dingtalk = dingtalk == null ? List.of() : List.copyOf(dingtalk);
    feishu = feishu == null ? List.of() : List.copyOf(feishu);
    generic = generic == null ? List.of() : List.copyOf(generic);
  }

  public Optional<WeComBot> wecomBot(String id) {
    return wecom.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  public Optional<DingTalkBot> dingtalkBot(String id) {
    return dingtalk.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  public Optional<FeishuBot> feishuBot(String id) {
    return feishu.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  public Optional<GenericBot> genericBot(String id) {
    return generic.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  /** The bot {@code id} of {@code platform}, or empty. */
  public Optional<Bot> bot(Platform platform, String id) {
    Optional<? extends Bot> bot =
        switch (platform) {
          case WECOM -> wecomBot(id);
          case DINGTALK -> dingtalkBot(id);
          case FEISHU -> feishuBot(id);
          case GENERIC -> genericBot(id);
        };
    return bot.map(Bot.class::cast);
  }

  /** What every platform's bot configuration says. */
  public sealed interface Bot permits WeComBot, DingTalkBot, FeishuBot, GenericBot {

    /** The id in the callback URL. */
    String id();

    /**
     * True when Duban reaches this bot's group chats through the platform's message API (the bot
     * has app credentials) rather than through its group robot webhook.
     */
    boolean reachesChatsByApi();

    /**
     * Where a reply URL given with an inbound message may point: {@code host} (https on its default
     * port) or {@code scheme://host[:port]}. Any other reply URL is not used.
     */
    List<String> replyHosts();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The platform's own hosts, and the configured API host when it is https (粤政易 and the like). */
  static List<String> replyHosts(List<String> configured, List<String> platform, String apiBase) {
    if (configured != null && !configured.isEmpty()) {
      return List.copyOf(configured);
    }
    java.util.List<String> hosts = new java.util.ArrayList<>(platform);
    try {
      java.net.URI api = java.net.URI.create(apiBase == null ? "" : apiBase);
      if ("https".equalsIgnoreCase(api.getScheme()) && api.getHost() != null) {
        hosts.add(
            api.getPort() < 0 ? api.getHost() : "https://" + api.getHost() + ":" + api.getPort());
      }
    } catch (IllegalArgumentException e) {
      // a bad API base fails where it is used; it adds no reply host
    }
    return hosts.stream().distinct().toList();
  }

  /** How a bot's messages reach Duban. */
  public enum Mode {
    /** The platform POSTs each message to {@code /callbacks/<platform>/<id>} (a public address). */
    CALLBACK,
    /**
     * Duban opens an outbound long connection and the platform pushes messages down it; for servers
     * with no public address (intranet, 政务外网).
     */
    STREAM
  }

  /** How a WeCom bot receives messages. */
  public enum WeComKind {
    /** Self-built app callback: XML, one-to-one messages, receive id = CorpID. */
    APP,
    /** Group robot callback: XML, @-messages in groups, receive id empty. */
    GROUP_ROBOT,
    /** 智能机器人 JSON callback, receive id empty. */
    SMART_BOT
  }

  /**
   * A WeCom bot.
   *
   * @param id id in the callback URL
   * @param kind APP, GROUP_ROBOT or SMART_BOT
   * @param token callback Token (signature)
   * @param encodingAesKey callback EncodingAESKey, 43 characters
   * @param receiveId expected receive id: CorpID for APP, empty for robots
   * @param corpId CorpID for the app message API
   * @param corpSecret the app's Secret for {@code gettoken}
   * @param agentId the app's AgentId for {@code message/send}
   * @param webhookKey the group robot's webhook key (the credential in its send URL)
   * @param apiBaseUrl API host, {@code https://qyapi.weixin.qq.com} unless a private deployment
   * @param maxClockSkew accepted timestamp difference, 0 turns the check off
   * @param replyHosts where its reply URLs (robot WebhookUrl, smart bot response_url) may point;
   *     default {@code qyapi.weixin.qq.com} and the API host when https
   * @param mode CALLBACK (the default) or STREAM (smart bot only: the 智能机器人 long connection to
   *     {@code streamUrl}, subscribed with {@code aibotId} and {@code aibotSecret}; replies go back
   *     down that connection)
   * @param aibotId the smart bot's Bot ID (long connection)
   * @param aibotSecret the smart bot's long-connection Secret
   * @param streamUrl the long connection's address, {@code wss://openws.work.weixin.qq.com} unless
   *     a private deployment (or a test)
   */
  public record WeComBot(
      String id,
      WeComKind kind,
      String token,
      String encodingAesKey,
      String receiveId,
      String corpId,
      String corpSecret,
      Long agentId,
      String webhookKey,
      String apiBaseUrl,
      Duration maxClockSkew,
      List<String> replyHosts,
      Mode mode,
      String aibotId,
      String aibotSecret,
      String streamUrl)
      implements Bot {

    /** The reply-URL host of a smart bot's long-connection replies (never a network address). */
    public static final String STREAM_REPLY_HOST = "wecom-stream://aibot";

    @ConstructorBinding
    public WeComBot {
      kind = kind == null ? WeComKind.GROUP_ROBOT : kind;
      receiveId = receiveId == null ? "" : receiveId;
      apiBaseUrl = apiBaseUrl == null ? "https://qyapi.weixin.qq.com" : apiBaseUrl;
      maxClockSkew = maxClockSkew == null ? DEFAULT_SKEW : maxClockSkew;
      mode = mode == null ? Mode.CALLBACK : mode;
      streamUrl = streamUrl == null ? "wss://openws.work.weixin.qq.com" : streamUrl;
      if (mode == Mode.STREAM && kind != WeComKind.SMART_BOT) {
        throw new IllegalArgumentException(
            "WeCom bot " + id + ": stream mode exists for smart bots (kind: smart-bot) only");
      }
      if (mode == Mode.STREAM && (blank(aibotId) || blank(aibotSecret))) {
        throw new IllegalArgumentException(
            "WeCom bot " + id + ": stream mode needs aibot-id and aibot-secret");
      }
      replyHosts =
          ChatProperties.replyHosts(replyHosts, List.of("qyapi.weixin.qq.com"), apiBaseUrl);
      if (mode == Mode.STREAM) {
        java.util.List<String> hosts = new java.util.ArrayList<>(replyHosts);
        hosts.add(STREAM_REPLY_HOST);
        replyHosts = List.copyOf(hosts);
      }
    }

    /** A bot as configured before stream mode: callbacks only. */
    public WeComBot(
        String id,
        WeComKind kind,
        String token,
        String encodingAesKey,
        String receiveId,
        String corpId,
        String corpSecret,
        Long agentId,
        String webhookKey,
        String apiBaseUrl,
        Duration maxClockSkew,
        List<String> replyHosts) {
      this(
          id,
          kind,
          token,
          encodingAesKey,
          receiveId,
          corpId,
          corpSecret,
          agentId,
          webhookKey,
          apiBaseUrl,
          maxClockSkew,
          replyHosts,
          null,
          null,
          null,
          null);
    }

    /**
     * A bot with a robot webhook posts into its group through it, even when it is an app too; a
     * smart bot in stream mode reaches its chats down its long connection.
     */
    @Override
    public boolean reachesChatsByApi() {
      return webhookKey == null && (corpSecret != null || pushesOverStream());
    }

    /** A smart bot in stream mode: replies and proactive messages go down its long connection. */
    public boolean pushesOverStream() {
      return kind == WeComKind.SMART_BOT && mode == Mode.STREAM;
    }

    @Override
    public String toString() {
      return "WeComBot[id="
          + id
          + ", kind="
          + kind
          + ", mode="
          + mode
          + ", apiBaseUrl="
          + apiBaseUrl
          + "]";
    }
  }

  /**
   * A DingTalk robot or app.
   *
   * @param id id in the callback URL
   * @param appKey AppKey (also the receive id of event push)
   * @param appSecret AppSecret: robot callback signature and OpenAPI token
   * @param robotCode robot code for the robot OpenAPI (defaults to the AppKey)
   * @param token event-push Token
   * @param aesKey event-push aes_key, 43 characters
   * @param webhookAccessToken custom robot webhook access_token
   * @param webhookSecret custom robot signing secret (SEC...)
   * @param apiBaseUrl new OpenAPI host, {@code https://api.dingtalk.com}
   * @param oapiBaseUrl old API and webhook host, {@code https://oapi.dingtalk.com}
   * @param maxClockSkew accepted timestamp difference, at most 1 hour (DingTalk's own limit); it is
   *     also how long a robot (timestamp, sign) pair is remembered; 0 turns the check off (the pair
   *     is then remembered for 1 hour)
   * @param replyHosts where its sessionWebhooks may point; default {@code oapi.dingtalk.com},
   *     {@code api.dingtalk.com} and the API hosts when https
   * @param mode CALLBACK (robot HTTP mode and event push, the default) or STREAM (DingTalk Stream
   *     mode: a connection opened at {@code apiBaseUrl}{@code /v1.0/gateway/connections/open} with
   *     the AppKey and AppSecret)
   * @param acknowledgeCardTemplate the id of the 互动卡片 template ({@code ….schema}) the admin made
   *     for 签收 notices: with it, notices with a 签收 button go to the bot's groups as that card
   *     ({@code card/instances/createAndDeliver}, callback by Stream); without it, as text. The
   *     template takes the string variables {@code title}, {@code content}, {@code status} and
   *     {@code action}, and its button sends {@code action} back as a callback parameter
   */
  public record DingTalkBot(
      String id,
      String appKey,
      String appSecret,
      String robotCode,
      String token,
      String aesKey,
      String webhookAccessToken,
      String webhookSecret,
      String apiBaseUrl,
      String oapiBaseUrl,
      Duration maxClockSkew,
      List<String> replyHosts,
      Mode mode,
      String acknowledgeCardTemplate)
      implements Bot {
    public DingTalkBot {
      mode = mode == null ? Mode.CALLBACK : mode;
      if (mode == Mode.STREAM && (blank(appKey) || blank(appSecret))) {
        throw new IllegalArgumentException(
            "DingTalk bot " + id + ": stream mode needs app-key and app-secret");
      }
      robotCode = robotCode == null ? appKey : robotCode;
      apiBaseUrl = apiBaseUrl == null ? "https://api.dingtalk.com" : apiBaseUrl;
      oapiBaseUrl = oapiBaseUrl == null ? "https://oapi.dingtalk.com" : oapiBaseUrl;
      maxClockSkew = maxClockSkew == null ? DEFAULT_SKEW : maxClockSkew;
      if (maxClockSkew.compareTo(ReplayGuard.MAX_WINDOW) > 0) {
        throw new IllegalArgumentException(
            "DingTalk bot " + id + ": max-clock-skew is at most 1 hour (robot signatures replay)");
      }
      replyHosts =
          ChatProperties.replyHosts(
              replyHosts,
              ChatProperties.replyHosts(
                  null, List.of("oapi.dingtalk.com", "api.dingtalk.com"), apiBaseUrl),
              oapiBaseUrl);
    }

    @Override
    public boolean reachesChatsByApi() {
      return appSecret != null;
    }

    @Override
    public String toString() {
      return "DingTalkBot[id=" + id + ", mode=" + mode + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
  }

  /**
   * A Feishu app (events and message API) and/or custom bot (webhook).
   *
   * @param id id in the callback URL
   * @param appId App ID for {@code tenant_access_token}
   * @param appSecret App Secret
   * @param encryptKey event Encrypt Key (decryption and X-Lark-Signature)
   * @param verificationToken event Verification Token
   * @param webhookToken custom bot hook token (the last path segment of its URL)
   * @param webhookSecret custom bot signing secret
   * @param apiBaseUrl API host, {@code https://open.feishu.cn}
   * @param maxClockSkew accepted timestamp difference, 0 turns the check off
   * @param replyHosts where reply URLs given with its events may point; default {@code
   *     open.feishu.cn}, {@code open.larksuite.com} and the API host when https
   * @param mode CALLBACK (event subscription by request URL, the default) or STREAM (the long
   *     connection: an endpoint from {@code apiBaseUrl}{@code /callback/ws/endpoint} with the App
   *     ID and App Secret)
   */
  public record FeishuBot(
      String id,
      String appId,
      String appSecret,
      String encryptKey,
      String verificationToken,
      String webhookToken,
      String webhookSecret,
      String apiBaseUrl,
      Duration maxClockSkew,
      List<String> replyHosts,
      Mode mode)
      implements Bot {
    public FeishuBot {
      mode = mode == null ? Mode.CALLBACK : mode;
      if (mode == Mode.STREAM && (blank(appId) || blank(appSecret))) {
        throw new IllegalArgumentException(
            "Feishu bot " + id + ": stream mode needs app-id and app-secret");
      }
      apiBaseUrl = apiBaseUrl == null ? "https://open.feishu.cn" : apiBaseUrl;
      maxClockSkew = maxClockSkew == null ? DEFAULT_SKEW : maxClockSkew;
      replyHosts =
          ChatProperties.replyHosts(
              replyHosts, List.of("open.feishu.cn", "open.larksuite.com"), apiBaseUrl);
    }

    @Override
    public boolean reachesChatsByApi() {
      return appSecret != null;
    }

    @Override
    public String toString() {
      return "FeishuBot[id=" + id + ", mode=" + mode + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
  }

  /**
   * A generic signed JSON webhook bot.
   *
   * @param id id in the callback URL
   * @param secret HMAC-SHA256 secret of {@code X-Duban-Signature}
   * @param outboundUrl where replies are POSTed as JSON, or null to keep them only in the outbox
   *     (the chat simulator reads them there)
   * @param maxClockSkew accepted timestamp difference, 0 turns the check off
   */
  public record GenericBot(String id, String secret, String outboundUrl, Duration maxClockSkew)
      implements Bot {
    public GenericBot {
      maxClockSkew = maxClockSkew == null ? DEFAULT_SKEW : maxClockSkew;
    }

    /** A generic bot's messages bring no reply URL: it answers on its {@code outboundUrl}. */
    @Override
    public List<String> replyHosts() {
      return List.of();
    }

    /** A generic bot reaches every chat by its id. */
    @Override
    public boolean reachesChatsByApi() {
      return true;
    }

    @Override
    public String toString() {
      return "GenericBot[id=" + id + "]";
    }
  }
}
