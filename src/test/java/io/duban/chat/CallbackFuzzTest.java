package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Thousands of random and mutated callbacks: truncated ciphertext, wrong padding, huge length
 * fields under a valid signature, invalid UTF-8, XML bombs and external entities, deeply nested
 * JSON, SQL-like text. None may cause a 5xx or a stored row, and the service must stay healthy. The
 * seed is printed so a failure can be replayed with {@code -Dduban.fuzz.seed=N}. As many broken
 * password sign-ins and accounts API requests must neither 5xx nor change an account.
 */
class CallbackFuzzTest extends ChatCallbackTestSupport {

  private static final int REQUESTS = Integer.getInteger("duban.fuzz.requests", 10_000);
  private static final String ROBOT_KEY = "R0b0tAesKey0123456789abcdefghijklmnopqrstuv";
  private static final List<String> TARGETS =
      List.of(
          "/callbacks/wecom/wecom-app",
          "/callbacks/wecom/wecom-robot",
          "/callbacks/wecom/wecom-smart",
          "/callbacks/wecom/nobody",
          "/callbacks/dingtalk/dingtalk-bot",
          "/callbacks/feishu/feishu-app",
          "/callbacks/feishu/feishu-plain",
          "/callbacks/generic/local",
          "/callbacks/generic/nobody",
          "/callbacks/unknown/x");
  private static final List<String> NASTY =
      List.of(
          "'; DROP TABLE inbound_message; --",
          "1 OR 1=1",
          "\" or \"\"=\"",
          "%00",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/a}",
          "\u202e\u0000\uffff",
          "null",
          "NaN",
          "-1",
          "99999999999999999999999",
          "进度100%；DELETE FROM progress_report");

  private final CallbackCipher robot = new CallbackCipher("robotToken42", ROBOT_KEY, "");
  private final String original = robot.encrypt("<xml><MsgId>2</MsgId></xml>");

  @Test
  void neverAnswers5xxNorStoresAnythingFromUnauthenticatedOrBrokenCallbacks() {
    long seed = Long.getLong("duban.fuzz.seed", System.nanoTime());
    System.out.println("CallbackFuzzTest seed: " + seed);
    Random random = new Random(seed);
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(request(random, i));
    }
    long before = totalRows();
    WebClient web =
        WebClient.builder()
            .baseUrl("http://localhost:" + port)
            .codecs(c -> c.defaultCodecs().maxInMemorySize(1 << 20))
            .build();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> failures =
        Flux.fromIterable(requests)
            .flatMap(
                r ->
                    send(web, r)
                        .doOnNext(status -> statuses.merge(status, 1, Integer::sum))
                        .doOnNext(
                            status -> {
                              if (status == 200) {
                                System.out.println("CallbackFuzzTest accepted: " + r.describe());
                              }
                            })
                        .filter(status -> status >= 500)
                        .map(status -> status + " for " + r.describe()),
                8)
            .collectList()
            .block(Duration.ofMinutes(10));

    System.out.println("CallbackFuzzTest statuses: " + statuses);
    assertThat(failures).isEmpty();
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    assertThat(totalRows()).isEqualTo(before);
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void neverAnswers5xxNorChangesAccountsFromBrokenSignInsAndAccountRequests() {
    long seed = Long.getLong("duban.fuzz.seed", System.nanoTime());
    System.out.println("CallbackFuzzTest sign-in and accounts seed: " + seed);
    String counts =
        "SELECT (SELECT count(*) FROM account) || '/' || (SELECT count(*) FROM account_identity)"
            + " || '/' || (SELECT count(*) FROM api_token) || '/' || (SELECT count(*) FROM"
            + " admin_audit)";
    String before = db.sql(counts).map(r -> r.get(0, String.class)).one().block();
    var outcome = io.duban.security.SignInAndAccountFuzz.run(port, REQUESTS, seed);
    System.out.println("CallbackFuzzTest sign-in and accounts statuses: " + outcome.statuses());
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.statuses().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(REQUESTS);
    assertThat(db.sql(counts).map(r -> r.get(0, String.class)).one().block())
        .as("accounts, identities, tokens and audit rows")
        .isEqualTo(before);
  }

  @Test
  void neverAnswers5xxNorChangesThePlanFromBrokenUploadsAndChatSignIns() {
    long seed = Long.getLong("duban.fuzz.seed", System.nanoTime());
    System.out.println("CallbackFuzzTest uploads and chat sign-in seed: " + seed);
    String counts =
        "SELECT (SELECT count(*) FROM plan_item) || '/' || (SELECT count(*) FROM assignment)"
            + " || '/' || (SELECT count(*) FROM account) || '/' || (SELECT count(*) FROM"
            + " plan_draft)";
    String before = db.sql(counts).map(r -> r.get(0, String.class)).one().block();
    var outcome = io.duban.security.UploadAndChatSignInFuzz.run(port, REQUESTS, seed);
    System.out.println("CallbackFuzzTest uploads and chat sign-in statuses: " + outcome.statuses());
    assertThat(outcome.failures()).isEmpty();
    System.out.println(
        "CallbackFuzzTest uploads refused unread and reset: " + outcome.resetUnread());
    assertThat(outcome.seen()).isEqualTo(REQUESTS);
    assertThat(db.sql(counts).map(r -> r.get(0, String.class)).one().block())
        .as("plan items, assignments, accounts and drafts")
        .isEqualTo(before);
  }

  private Mono<Integer> send(WebClient web, Request r) {
    return web.method(r.method())
        .uri(r.uri())
        .headers(h -> r.headers().forEach(h::add))
        .bodyValue(r.body())
        .exchangeToMono(
            response -> response.releaseBody().thenReturn(response.statusCode().value()))
        .timeout(Duration.ofSeconds(30));
  }

  private Request request(Random random, int i) {
    String target = TARGETS.get(random.nextInt(TARGETS.size()));
    int kind = random.nextInt(12);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    Map<String, String> headers = new java.util.HashMap<>();
    byte[] body;
    String query = "";
    switch (kind) {
      case 0 -> body = randomBytes(random, random.nextInt(2048));
      case 1 -> body = invalidUtf8(random);
      case 2 -> body = xmlBomb().getBytes(StandardCharsets.UTF_8);
      case 3 -> body = xxe().getBytes(StandardCharsets.UTF_8);
      case 4 -> body = nestedJson(random.nextInt(20_000)).getBytes(StandardCharsets.UTF_8);
      case 5 ->
          body =
              ("{\"messageId\":\""
                      + nasty(random)
                      + "\",\"chatId\":\""
                      + nasty(random)
                      + "\",\"senderId\":\""
                      + nasty(random)
                      + "\",\"text\":\""
                      + nasty(random)
                      + "\",\"sentAt\":\""
                      + nasty(random)
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
      case 6 ->
          body =
              ("<xml><Encrypt><![CDATA[" + nasty(random) + "]]></Encrypt></xml>")
                  .getBytes(StandardCharsets.UTF_8);
      default -> {
        // a callback signed with the robot's real token whose ciphertext is broken inside
        String encrypted = brokenCiphertext(random, kind);
        // the bit-flipped ciphertext keeps the signature of the original: a tampered message
        String signed = kind == 11 ? original : encrypted;
        query =
            "?msg_signature="
                + robot.signature(ts, "n" + i, signed)
                + "&timestamp="
                + ts
                + "&nonce=n"
                + i;
        target = "/callbacks/wecom/wecom-robot";
        body =
            ("<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>")
                .getBytes(StandardCharsets.UTF_8);
      }
    }
    if (query.isEmpty() && random.nextBoolean()) {
      query =
          "?msg_signature="
              + enc(nasty(random))
              + "&timestamp="
              + enc(nasty(random))
              + "&nonce="
              + enc(nasty(random))
              + "&echostr="
              + enc(nasty(random));
    }
    if (random.nextInt(4) == 0) {
      headers.put("X-Duban-Timestamp", ts);
      headers.put("X-Duban-Signature", Integer.toHexString(random.nextInt()));
      headers.put("X-Lark-Request-Timestamp", nasty(random).replaceAll("[^!-~]", "?"));
      headers.put("X-Lark-Signature", "deadbeef");
      headers.put("timestamp", Long.toString(random.nextLong()));
      headers.put("sign", "c2lnbg==");
    }
    headers.put("Content-Type", random.nextBoolean() ? "application/json" : "text/xml");
    HttpMethod method = random.nextInt(5) == 0 ? HttpMethod.GET : HttpMethod.POST;
    return new Request(method, target + query, headers, body, kind);
  }

  /** Ciphertexts that pass the signature but break padding, layout or length inside. */
  private String brokenCiphertext(Random random, int kind) {
    byte[] msg = "<xml><MsgId>1</MsgId></xml>".getBytes(StandardCharsets.UTF_8);
    return switch (kind) {
      case 7 -> encryptRaw(layout(msg, Integer.MAX_VALUE), true);
      case 8 -> encryptRaw(layout(msg, -5), true);
      case 9 -> encryptRaw(layout(msg, msg.length), false);
      case 10 -> {
        String good = robot.encrypt("<xml><MsgId>1</MsgId></xml>");
        // cut at least one data character: dropping only the trailing '=' leaves the same bytes
        yield good.substring(0, 1 + random.nextInt(good.length() - 3));
      }
      default -> {
        byte[] raw = Base64.getDecoder().decode(original);
        raw[random.nextInt(raw.length)] ^= (byte) (1 + random.nextInt(255));
        yield Base64.getEncoder().encodeToString(raw);
      }
    };
  }

  private static byte[] layout(byte[] msg, int declaredLength) {
    return ByteBuffer.allocate(16 + 4 + msg.length)
        .put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
        .putInt(declaredLength)
        .put(msg)
        .array();
  }

  private static String encryptRaw(byte[] plain, boolean validPadding) {
    try {
      byte[] key = Base64.getDecoder().decode(ROBOT_KEY + "=");
      int pad = 32 - plain.length % 32;
      byte[] padded = java.util.Arrays.copyOf(plain, plain.length + pad);
      java.util.Arrays.fill(padded, plain.length, padded.length, (byte) (validPadding ? pad : 0));
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return Base64.getEncoder().encodeToString(cipher.doFinal(padded));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nasty(Random random) {
    return random.nextBoolean()
        ? NASTY.get(random.nextInt(NASTY.size()))
        : new String(randomBytes(random, random.nextInt(64)), StandardCharsets.ISO_8859_1);
  }

  private static String enc(String s) {
    return UriUtils.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] invalidUtf8(Random random) {
    byte[] bytes = "{\"text\":\"进度".getBytes(StandardCharsets.UTF_8);
    byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 4);
    out[bytes.length] = (byte) 0xC3;
    out[bytes.length + 1] = (byte) 0x28;
    out[bytes.length + 2] = (byte) 0xFF;
    out[bytes.length + 3] = (byte) random.nextInt(256);
    return out;
  }

  private static String xmlBomb() {
    StringBuilder s =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      s.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        s.append("&lol").append(i == 1 ? "" : i - 1).append(';');
      }
      s.append("\">");
    }
    return s.append("]><xml><Encrypt>&lol9;</Encrypt></xml>").toString();
  }

  private static String xxe() {
    return "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<xml><Encrypt>&xxe;</Encrypt></xml>";
  }

  private static String nestedJson(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private record Request(
      HttpMethod method, String uri, Map<String, String> headers, byte[] body, int kind) {
    String describe() {
      return method + " " + uri + " kind " + kind;
    }
  }
}
