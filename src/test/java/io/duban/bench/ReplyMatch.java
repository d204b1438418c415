package io.duban.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs the replies {@link PlatformSink} received with the messages {@link LoadClient} sent in one
 * run, and prints one line: received → reply sent latency (callback sent to reply received) over
 * the measured window, messages answered once, twice or not at all, and whether replies kept up
 * (reply rate over the window at least 97% of the message rate).
 *
 * <pre>
 *   ReplyMatch SENT_FILE REPLIES_FILE
 * </pre>
 *
 * A reply names its message by the group's webhook key and the percent it repeats ("进度60%"); a
 * reply that repeats none (a question back, an unknown item) answers the oldest unanswered message
 * of its group sent before it. REPLIES_FILE holds what the sink received during the run only.
 */
public final class ReplyMatch {

  private static final Pattern KEY = Pattern.compile("[?&]key=([^&\\s]+)");
  private static final Pattern PERCENT = Pattern.compile("进度(\\d{1,3})%");
  private static final double KEEPS_UP = 0.97;

  private ReplyMatch() {}

  public static void main(String[] args) throws IOException {
    List<String> sentLines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    String[] window = sentLines.get(0).substring(2).split(" ");
    long from = Long.parseLong(window[0]);
    long to = Long.parseLong(window[1]);
    int n = sentLines.size() - 1;
    long[] sentAt = new long[n];
    int[] status = new int[n];
    long[] answeredAt = new long[n];
    Arrays.fill(answeredAt, -1);
    Map<String, List<Integer>> byGroup = new HashMap<>();
    Map<String, Map<Integer, Integer>> byPercent = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String[] f = sentLines.get(i + 1).split("\t");
      String key = key(f[0]);
      int percent = Integer.parseInt(f[1]);
      sentAt[i] = Long.parseLong(f[2]);
      status[i] = Integer.parseInt(f[3]);
      byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      if (byPercent.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(percent, i) != null) {
        ambiguous.add(key + " " + percent);
      }
    }
    long twice = 0;
    long extra = 0;
    Map<String, Deque<Long>> unnamed = new HashMap<>();
    try (BufferedReader replies =
        Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (String line = replies.readLine(); line != null; line = replies.readLine()) {
        String[] f = line.split("\t", 3);
        if (f.length < 3) {
          continue;
        }
        long at = Long.parseLong(f[0]);
        String key = key(f[1]);
        if (!byGroup.containsKey(key)) {
          extra++;
          continue;
        }
        Matcher m = PERCENT.matcher(f[2]);
        Integer named =
            m.find() && !ambiguous.contains(key + " " + m.group(1))
                ? byPercent.get(key).get(Integer.parseInt(m.group(1)))
                : null;
        if (named == null) {
          unnamed.computeIfAbsent(key, k -> new ArrayDeque<>()).add(at);
        } else if (answeredAt[named] >= 0) {
          twice++;
        } else {
          answeredAt[named] = at;
        }
      }
    }
    for (Map.Entry<String, Deque<Long>> group : unnamed.entrySet()) {
      Deque<Long> times = group.getValue();
      for (int i : byGroup.get(group.getKey())) {
        if (times.isEmpty()) {
          break;
        }
        if (answeredAt[i] < 0 && sentAt[i] < times.peekFirst()) {
          answeredAt[i] = times.pollFirst();
        }
      }
      extra += times.size();
    }
    long accepted = 0;
    long answered = 0;
    long unanswered = 0;
    long sentInWindow = 0;
    long answeredInWindow = 0;
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (status[i] == 200) {
        accepted++;
      }
      if (answeredAt[i] >= 0) {
        answered++;
        if (answeredAt[i] >= from && answeredAt[i] < to) {
          answeredInWindow++;
        }
      } else if (status[i] == 200) {
        unanswered++;
      }
      if (sentAt[i] >= from && sentAt[i] < to) {
        sentInWindow++;
        if (answeredAt[i] >= 0) {
          latencies.add(answeredAt[i] - sentAt[i]);
        }
      }
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    double seconds = (to - from) / 1e6;
    double sentRate = sentInWindow / seconds;
    double replyRate = answeredInWindow / seconds;
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT replies messages=%d accepted=%d answered=%d unanswered=%d twice=%d extra=%d"
                + " p50_ms=%.1f p99_ms=%.1f max_ms=%.1f message_rate=%.1f reply_rate=%.1f"
                + " keeps_up=%s",
            n,
            accepted,
            answered,
            unanswered,
            twice,
            extra,
            pct(sorted, 0.50) / 1e3,
            pct(sorted, 0.99) / 1e3,
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3,
            sentRate,
            replyRate,
            sentRate > 0 && replyRate >= KEEPS_UP * sentRate ? "yes" : "no"));
  }

  private static String key(String url) {
    Matcher m = KEY.matcher(url);
    return m.find() ? m.group(1) : url;
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }
}
