package io.duban.chat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether a reply URL that came with an inbound message (WeCom WebhookUrl and smart-bot
 * response_url, DingTalk sessionWebhook) may be used: only on its bot's {@link
 * ChatProperties.Bot#replyHosts reply hosts}, https unless an entry names another scheme. A refused
 * URL is counted ({@code duban.chat.reply_url.refused}, tags platform and bot) and logged at most
 * once per bot per {@link #LOG_EVERY}, by scheme, host and path only (its query is a credential).
 */
@Component
public class ReplyUrls {

  private static final Logger log = LoggerFactory.getLogger(ReplyUrls.class);

  /** How often a bot's refusals are logged. */
  static final Duration LOG_EVERY = Duration.ofMinutes(10);

  private final ChatProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Instant> logged = new ConcurrentHashMap<>();

  ReplyUrls(ChatProperties properties, MeterRegistry meters, Clock clock) {
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * True when {@code url} may be used to answer a message of the bot; false (counted, logged)
   * otherwise, and for a bot no longer configured.
   */
  public boolean usable(Platform platform, String botId, String url) {
    List<String> hosts =
        properties.bot(platform, botId).map(ChatProperties.Bot::replyHosts).orElse(List.of());
    if (allowed(url, hosts)) {
      return true;
    }
    meters
        .counter("duban.chat.reply_url.refused", "platform", platform.key(), "bot", botId)
        .increment();
    Instant now = clock.instant();
    String key = platform.key() + ":" + botId;
    Instant last = logged.get(key);
    if ((last == null || !now.isBefore(last.plus(LOG_EVERY)))
        && (last == null ? logged.putIfAbsent(key, now) == null : logged.replace(key, last, now))) {
      log.warn(
          "Not replying on {} for {} bot {}: not one of its reply hosts; answering through the"
              + " bot instead (logged once per {} per bot)",
          shown(url),
          platform.key(),
          botId,
          LOG_EVERY);
    }
    return false;
  }

  /** True when {@code url} is absolute and matches one of {@code hosts}. */
  static boolean allowed(String url, List<String> hosts) {
    URI uri = parse(url);
    if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    for (String entry : hosts) {
      String allowedScheme = "https";
      String hostPort = entry.trim();
      int separator = hostPort.indexOf("://");
      if (separator >= 0) {
        allowedScheme = hostPort.substring(0, separator).toLowerCase(Locale.ROOT);
        hostPort = hostPort.substring(separator + 3);
      }
      while (hostPort.endsWith("/")) {
        hostPort = hostPort.substring(0, hostPort.length() - 1);
      }
      String host = hostPort;
      int port = -1;
      int colon = hostPort.lastIndexOf(':');
      if (colon > 0 && hostPort.indexOf(']') < colon) {
        host = hostPort.substring(0, colon);
        try {
          port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
          continue;
        }
      }
      if (scheme.equals(allowedScheme)
          && uri.getHost().equalsIgnoreCase(host)
          && portMatches(uri, scheme, port)) {
        return true;
      }
    }
    return false;
  }

  private static boolean portMatches(URI uri, String scheme, int port) {
    int given = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
    return given == (port >= 0 ? port : defaultPort(scheme));
  }

  private static int defaultPort(String scheme) {
    return "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      return uri.isAbsolute() && uri.getScheme() != null ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** The URL without its query and fragment (which may hold a key), for the log. */
  static String shown(String url) {
    URI uri = parse(url);
    if (uri == null) {
      return "(not a URL)";
    }
    return uri.getScheme()
        + "://"
        + (uri.getHost() == null ? "" : uri.getHost())
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
