package io.duban.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.system.ServiceProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@DubanSpringTest
class PublishedChartsTest {

  private static final String BASE = "https://duban.example.gov.cn";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired Clock clock;

  private final DigestChart chart = new DigestChart();

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  private static ServiceProperties service(String publicBaseUrl) {
    return new ServiceProperties(ZoneId.of("Asia/Shanghai"), URI.create(publicBaseUrl));
  }

  private static String period() {
    // a period no other test publishes under
    return "T-" + UUID.randomUUID();
  }

  @Test
  void servesThePublishedPngByteForByteWithoutSignInOncePerPeriod() {
    byte[] png =
        chart.render(
            new ChartData(
                "2024年重点工作推进情况（2024-W23）",
                java.util.List.of(new ChartData.Bar("1 平台建设", 60)),
                java.util.List.of(new ChartData.Count("已办结销号", 1, 0x546e7a))));
    var charts = new PublishedCharts(db, service(BASE + "/"), clock);
    String period = period();

    String url = charts.publish(period, png).block(Duration.ofSeconds(10));
    assertThat(url).matches(BASE.replace(".", "\\.") + "/charts/[0-9a-f]{32}\\.png");
    assertThat(charts.publish(period, new byte[] {1, 2, 3}).block(Duration.ofSeconds(10)))
        .as("the week's chart is published once; a retry links the same chart")
        .isEqualTo(url);

    byte[] served =
        web.get()
            .uri(url.substring(BASE.length()))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType(MediaType.IMAGE_PNG)
            .expectHeader()
            .doesNotExist("Set-Cookie")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(served).isEqualTo(png);
  }

  @Test
  void unknownAndMalformedIdsAreNotFoundAndNothingButGetIsAllowed() {
    web.get()
        .uri("/charts/0123456789abcdef0123456789abcdef.png")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .isEqualTo("NOT_FOUND");
    web.get().uri("/charts/not-an-id.png").exchange().expectStatus().isNotFound();
    web.get()
        .uri("/charts/0123456789ABCDEF0123456789ABCDEF.png")
        .exchange()
        .expectStatus()
        .isNotFound();
    web.get().uri("/charts/").exchange().expectStatus().isNotFound();
    web.post()
        .uri("/charts/0123456789abcdef0123456789abcdef.png")
        .exchange()
        .expectStatus()
        .value(status -> assertThat(status).isBetween(400, 499).isNotEqualTo(404));
  }

  @Test
  void publishesNothingWithoutAPublicBaseUrl() {
    var charts = new PublishedCharts(db, service(""), clock);
    String period = period();

    assertThat(charts.publish(period, new byte[] {1}).blockOptional(Duration.ofSeconds(10)))
        .isEmpty();
    assertThat(
            db.sql("select count(*) from digest_chart where period = :p")
                .bind("p", period)
                .map(r -> r.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(10)))
        .isZero();
  }
}
