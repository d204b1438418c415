package io.duban.digest;

import io.duban.chat.Destination;
import io.duban.chat.OutboundMessage;
import io.duban.delivery.Outbox;
import io.duban.report.ReportWeek;
import io.duban.system.ChineseDates;
import io.duban.unit.GroupChat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How the digest chart reaches each group, once per period: as image bytes where the platform takes
 * them from us (WeCom robots: base64 + md5; WeCom smart bots in stream mode, which upload it over
 * their long connection first; the simulator's generic bot; Feishu through the app, which uploads
 * it first), else as a link to the published chart (DingTalk robots: markdown with the image;
 * Feishu custom bots: text), and not at all when no public URL is configured.
 */
@Component
class ChartDispatches {

  static final String TITLE = "周报图表";

  private final Outbox outbox;
  private final PublishedCharts published;

  ChartDispatches(Outbox outbox, PublishedCharts published) {
    this.outbox = outbox;
    this.published = published;
  }

  /** The chart's messages to {@code groups}, keyed after the digest text's for {@code audience}. */
  Mono<List<DigestMessage>> plan(
      List<GroupChat> groups, byte[] png, String period, String audience) {
    List<DigestMessage> images = new ArrayList<>();
    List<GroupChat> byLink = new ArrayList<>();
    OutboundMessage image =
        new OutboundMessage(
            OutboundMessage.Format.IMAGE,
            TITLE,
            Base64.getEncoder().encodeToString(png),
            List.of());
    for (GroupChat g : groups) {
      if (takesImage(g)) {
        images.add(new DigestMessage(g, image, key(period, audience, g)));
      } else {
        byLink.add(g);
      }
    }
    if (byLink.isEmpty()) {
      return Mono.just(images);
    }
    return published
        .publish(period, png)
        .map(
            url -> {
              List<DigestMessage> all = new ArrayList<>(images);
              byLink.forEach(
                  g ->
                      all.add(
                          new DigestMessage(g, link(g, url, period), key(period, audience, g))));
              return all;
            })
        .defaultIfEmpty(images);
  }

  private boolean takesImage(GroupChat g) {
    return switch (g.platform()) {
      case WECOM, GENERIC -> true;
      case FEISHU ->
          outbox.groupDestination(g.platform(), g.botId(), g.chatId()).channel()
              == Destination.Channel.CHAT;
      case DINGTALK -> false;
    };
  }

  private static OutboundMessage link(GroupChat g, String url, String period) {
    // the year always: a caption outlives the week it was sent in
    String caption =
        "督办周报图表 · " + ChineseDates.week(ReportWeek.parse(period).monday(), java.time.LocalDate.MIN);
    return switch (g.platform()) {
      case DINGTALK ->
          OutboundMessage.markdown(TITLE, "#### " + caption + "\n\n![" + TITLE + "](" + url + ")");
      default -> OutboundMessage.text(caption + "：" + url, List.of());
    };
  }

  /** The digest text's key plus {@code :chart}: one chart per group and period. */
  private static String key(String period, String audience, GroupChat g) {
    return WeeklyDigests.key(period, audience, g) + ":chart";
  }
}
