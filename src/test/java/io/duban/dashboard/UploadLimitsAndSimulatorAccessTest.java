package io.duban.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.DubanSpringTest;
import io.duban.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/**
 * Issue 16, findings 4 and 9: an upload from anyone but an admin is refused before a byte of its
 * body is read (the CSRF token travels in a header), every multipart request is capped, and the
 * chat simulator is for admins only and records who typed each line.
 */
@DubanSpringTest
class UploadLimitsAndSimulatorAccessTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final String BOUNDARY = "duban-limits-boundary";
  private static final int MB = 1024 * 1024;

  /** The framework's multipart files go here, so this test sees only its own requests' files. */
  static final Path PARTS;

  static {
    try {
      PARTS = Files.createTempDirectory("duban-limits-parts");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.webflux.multipart.file-storage-directory", PARTS::toString);
    registry.add("duban.simulator.enabled", () -> "true");
  }

  @Autowired WebTestClient web;

  @BeforeEach
  void patience() {
    web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
  }

  @Test
  void anAnonymousSessionsHugeUploadIsRefusedWithoutBeingWrittenToDisk() throws Exception {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    String session = login.getResponseCookies().getFirst("SESSION").getValue();
    String csrf = csrf(login.getResponseBody());

    long written = largestWhile(() -> hugeUpload(session, csrf, 50));

    assertThat(written).as("bytes of the refused body on disk").isLessThan(MB);
  }

  @Test
  void aLeadersHugeUploadIsRefusedWithoutBeingWrittenToDisk() throws Exception {
    String session = signIn("test-leader-token");
    String csrf = csrf(page(session, "/dashboard?week=2024-W23"));

    long written = largestWhile(() -> hugeUpload(session, csrf, 50));

    assertThat(written).as("bytes of the refused body on disk").isLessThan(MB);
  }

  @Test
  void anAdminsUploadIsCappedInSizeAndParts() throws Exception {
    String session = signIn("test-admin-token");
    String csrf = csrf(page(session, "/dashboard/admin/import"));

    // an 11 MB part: refused, and at most the 10 MB cap ever reaches the disk
    long written =
        largestWhile(
            () ->
                web.post()
                    .uri("/dashboard/admin/import")
                    .cookie("SESSION", session)
                    .header("X-CSRF-TOKEN", csrf)
                    .contentType(
                        MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
                    .body(filePart(11), DataBuffer.class)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).isIn(400, 413)));
    assertThat(written).isLessThanOrEqualTo(10L * MB + 64 * 1024);

    // 13 small fields: one more than allowed
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      many.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"f")
          .append(i)
          .append("\"\r\n\r\nx\r\n");
    }
    many.append("--").append(BOUNDARY).append("--\r\n");
    web.post()
        .uri("/dashboard/admin/import")
        .cookie("SESSION", session)
        .header("X-CSRF-TOKEN", csrf)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
        .bodyValue(many.toString().getBytes(StandardCharsets.UTF_8))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("最多 12 项"));
  }

  @Test
  void leadersCannotUseTheSimulatorAndSeeNoLinkToIt() {
    String session = signIn("test-leader-token");
    String board = page(session, "/dashboard?week=2024-W23");
    assertThat(board).doesNotContain("/dashboard/simulator");
    String csrf = csrf(board);

    web.get()
        .uri("/dashboard/simulator")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isForbidden();
    web.get()
        .uri("/dashboard/simulator/messages?chatId=sim-platforms&contactId=1")
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isForbidden();
    web.post()
        .uri("/dashboard/simulator/messages")
        .cookie("SESSION", session)
        .header("X-CSRF-TOKEN", csrf)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"chatId\":\"sim-platforms\",\"contactId\":"
                + contactId("sim-platforms")
                + ",\"text\":\"1.2 冒名报送，进度90%\"}")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("模拟器仅限管理员使用"));
    assertThat(count("select count(*) from inbound_message where text like '%冒名报送%'")).isZero();
  }

  @Test
  void anAdminsSimulatedLineRecordsWhoTypedIt() throws Exception {
    String session = signIn("test-admin-token");
    String board = page(session, "/dashboard?week=2024-W23");
    assertThat(board).contains("id=\"nav-simulator\"");
    assertThat(page(session, "/dashboard/simulator")).contains("平台科联络员（模拟器）");

    web.post()
        .uri("/dashboard/simulator/messages")
        .cookie("SESSION", session)
        .header("X-CSRF-TOKEN", csrf(board))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"chatId\":\"sim-platforms\",\"contactId\":"
                + contactId("sim-platforms")
                + ",\"text\":\"1.2 模拟器留痕测试，进度30%\"}")
        .exchange()
        .expectStatus()
        .isOk();

    String typist;
    long id;
    try (Connection c = TestDatabase.connect();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select id, raw_payload from inbound_message where text like '%模拟器留痕测试%'")) {
      assertThat(r.next()).isTrue();
      id = r.getLong(1);
      String raw = r.getString(2);
      Matcher m = Pattern.compile("\"typedBy\":\"([^\"]+)\"").matcher(raw);
      assertThat(m.find()).as("raw payload names the typist: %s", raw).isTrue();
      typist = m.group(1);
    }
    assertThat(typist).isNotBlank();
    try (Connection c = TestDatabase.connect();
        PreparedStatement q =
            c.prepareStatement(
                "select actor, detail from admin_audit where action = 'simulator.message'"
                    + " and subject = ?")) {
      q.setString(1, "inbound:" + id);
      try (ResultSet r = q.executeQuery()) {
        assertThat(r.next()).as("an audit row for the simulated line").isTrue();
        assertThat(r.getString(1)).isEqualTo(typist);
        assertThat(r.getString(2)).contains("平台科联络员（模拟器）");
      }
    }
  }

  /**
   * Posts {@code megabytes} of file part with the session's CSRF token as a form field, as a plain
   * browser form would, and expects a refusal: 403 (no token in a header) or a redirect.
   */
  private void hugeUpload(String session, String csrf, int megabytes) {
    String field =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + csrf
            + "\r\n";
    web.post()
        .uri("/dashboard/admin/import")
        .cookie("SESSION", session)
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
        .body(
            Flux.concat(
                Flux.just(
                    DefaultDataBufferFactory.sharedInstance.wrap(
                        field.getBytes(StandardCharsets.US_ASCII))),
                filePart(megabytes)),
            DataBuffer.class)
        .exchange()
        .expectStatus()
        .value(status -> assertThat(status).isIn(302, 303, 401, 403));
  }

  /** A multipart body of one file part of the given size, made as it is sent. */
  private static Flux<DataBuffer> filePart(int megabytes) {
    var buffers = DefaultDataBufferFactory.sharedInstance;
    byte[] chunk = new byte[MB];
    java.util.Arrays.fill(chunk, (byte) 'a');
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + BOUNDARY + "--\r\n";
    return Flux.concat(
        Flux.just(buffers.wrap(head.getBytes(StandardCharsets.US_ASCII))),
        Flux.range(0, megabytes).map(i -> buffers.wrap(chunk.clone())),
        Flux.just(buffers.wrap(tail.getBytes(StandardCharsets.US_ASCII))));
  }

  /** The most bytes the multipart directory held while {@code request} ran. */
  private static long largestWhile(Runnable request) throws InterruptedException {
    AtomicLong largest = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!done.get()) {
                largest.accumulateAndGet(size(PARTS), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();
    try {
      request.run();
      Thread.sleep(300);
    } finally {
      done.set(true);
      watcher.join();
    }
    largest.accumulateAndGet(size(PARTS), Math::max);
    return largest.get();
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // removed meanwhile
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static long contactId(String userId) {
    return count("select id from contact where platform_user_id = '" + userId + "'");
  }

  private static long count(String sql) {
    try (Connection c = TestDatabase.connect();
        ResultSet r = c.createStatement().executeQuery(sql)) {
      assertThat(r.next()).isTrue();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String page(String session, String path) {
    return web.get()
        .uri(path)
        .cookie("SESSION", session)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private String signIn(String token) {
    var login =
        web.get().uri("/dashboard/login").exchange().expectBody(String.class).returnResult();
    return web.post()
        .uri("/dashboard/login")
        .cookie("SESSION", login.getResponseCookies().getFirst("SESSION").getValue())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(
            BodyInserters.fromFormData("token", token).with("_csrf", csrf(login.getResponseBody())))
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult()
        .getResponseCookies()
        .getFirst("SESSION")
        .getValue();
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("page has a CSRF field").isTrue();
    return m.group(1);
  }
}
