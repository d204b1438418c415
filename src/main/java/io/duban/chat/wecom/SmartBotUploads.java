package io.duban.chat.wecom;

import io.duban.chat.OutboundMessage;
import io.duban.chat.SendFailure;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Uploads a picture or file as temporary media over a smart bot's long connection, in the three
 * steps of WeCom's SDK ({@code uploadMedia}): {@code aibot_upload_media_init} (type, name, size,
 * chunk count, MD5) answers an {@code upload_id}; {@code aibot_upload_media_chunk} frames carry at
 * most 512 KB each (before Base64; WeCom takes up to 100, which no allowed size reaches), one after
 * another; {@code aibot_upload_media_finish} answers the {@code media_id} a proactive {@code image}
 * or {@code file} message then names. WeCom's media limits apply (more than 5 bytes; pictures JPG
 * or PNG up to 10 MB, files up to 20 MB): a larger one is refused here, before anything is sent.
 */
final class SmartBotUploads {

  static final int CHUNK_BYTES = 512 * 1024;
  static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;
  static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

  private final SmartBotFrames frames;

  SmartBotUploads(SmartBotFrames frames) {
    this.frames = frames;
  }

  /** The {@code msgtype} (and media type) a picture or file goes as. */
  static String type(OutboundMessage message) {
    return message.format() == OutboundMessage.Format.IMAGE ? "image" : "file";
  }

  /**
   * Uploads {@code message}'s bytes through {@code ask} (sends a frame with a req_id and emits
   * WeCom's successful answer) and emits the media_id.
   */
  Mono<String> upload(OutboundMessage message, BiFunction<String, String, Mono<JsonNode>> ask) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(message.text());
    } catch (IllegalArgumentException e) {
      return Mono.error(SendFailure.permanent("the picture or file is not valid Base64"));
    }
    String type = type(message);
    int max = type.equals("image") ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
    if (raw.length <= 5 || raw.length > max) {
      return Mono.error(
          SendFailure.permanent(
              "a WeCom smart bot takes "
                  + type
                  + " media of 6 bytes to "
                  + (max / 1024 / 1024)
                  + " MB; this one has "
                  + raw.length
                  + " bytes"));
    }
    int chunks = (raw.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
    String init = SmartBotFrames.reqId(SmartBotFrames.UPLOAD_INIT);
    return ask.apply(
            init, frames.uploadInit(init, type, filename(message), raw.length, chunks, raw))
        .map(answer -> answer.path("body").path("upload_id").asString(""))
        .flatMap(
            id ->
                id.isEmpty()
                    ? Mono.error(
                        SendFailure.retryable("WeCom answered the upload without an upload_id"))
                    : Mono.just(id))
        .flatMap(
            uploadId ->
                Flux.range(0, chunks)
                    .concatMap(
                        i -> {
                          String reqId = SmartBotFrames.reqId(SmartBotFrames.UPLOAD_CHUNK);
                          byte[] chunk =
                              Arrays.copyOfRange(
                                  raw,
                                  i * CHUNK_BYTES,
                                  Math.min(raw.length, (i + 1) * CHUNK_BYTES));
                          return ask.apply(reqId, frames.uploadChunk(reqId, uploadId, i, chunk));
                        })
                    .then(
                        Mono.defer(
                            () -> {
                              String reqId = SmartBotFrames.reqId(SmartBotFrames.UPLOAD_FINISH);
                              return ask.apply(reqId, frames.uploadFinish(reqId, uploadId));
                            })))
        .map(answer -> answer.path("body").path("media_id").asString(""))
        .flatMap(
            id ->
                id.isEmpty()
                    ? Mono.error(
                        SendFailure.retryable("WeCom finished the upload without a media_id"))
                    : Mono.just(id));
  }

  /** The name WeCom shows: the message's title, a picture with a .png ending (digest charts). */
  private static String filename(OutboundMessage message) {
    String title = message.title() == null || message.title().isBlank() ? "" : message.title();
    if (message.format() == OutboundMessage.Format.IMAGE) {
      String lower = title.toLowerCase(java.util.Locale.ROOT);
      boolean named = lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
      return title.isEmpty() ? "image.png" : named ? title : title + ".png";
    }
    return title.isEmpty() ? "file" : title;
  }
}
