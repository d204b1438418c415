package io.duban.chat.wecom;

import io.duban.chat.CallbackCipher;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Posts a WeCom smart bot callback the way WeCom does: a JSON envelope, encrypted and signed. */
public final class SmartBotCallback {

  private SmartBotCallback() {}

  /**
   * POSTs {@code plain} encrypted with {@code cipher} to {@code /callbacks/wecom/<botId>}, signed
   * with {@code epochSeconds} and {@code nonce}.
   */
  public static WebTestClient.ResponseSpec post(
      WebTestClient client,
      String botId,
      CallbackCipher cipher,
      String plain,
      long epochSeconds,
      String nonce) {
    String encrypted = cipher.encrypt(plain);
    String ts = Long.toString(epochSeconds);
    return client
        .post()
        .uri(
            "/callbacks/wecom/{bot}?msg_signature={s}&timestamp={t}&nonce={n}",
            botId,
            cipher.signature(ts, nonce, encrypted),
            ts,
            nonce)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"encrypt\":\"" + encrypted + "\"}")
        .exchange();
  }
}
