package io.duban.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Strict JSON reading for callbacks: malformed JSON is a 400 refusal, never a 500. */
public final class CallbackJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CallbackJson() {}

  /** Parses a JSON object; anything else is refused as malformed. */
  public static JsonNode parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /** Parses a JSON object; anything else is refused as malformed. */
  public static JsonNode parse(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "body is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new CallbackRejected(CallbackRejected.Reason.MALFORMED, "malformed JSON");
    }
  }

  /** The scalar at {@code path} as text, or null when absent, null or not a scalar. */
  public static String text(JsonNode node, String... path) {
    JsonNode current = node;
    for (String name : path) {
      current = current.path(name);
    }
    return current.isValueNode() && !current.isNull() ? current.asString() : null;
  }

  /** Serialises a small response object. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * An epoch timestamp given in seconds or milliseconds (told apart by magnitude), or {@code
   * fallback} when absent or not a number.
   */
  public static Instant epoch(String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      return number > 100_000_000_000L
          ? Instant.ofEpochMilli(number)
          : Instant.ofEpochSecond(number);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
