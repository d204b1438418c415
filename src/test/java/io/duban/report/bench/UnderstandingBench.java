package io.duban.report.bench;

import io.duban.report.UnderstandingProbe;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Accuracy and speed of understanding one message, over the labelled corpus. Not part of the normal
 * test run; run it with {@code mvn -q test -Dgroups=bench -Dtest=UnderstandingBench}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "groups", matches = ".*bench.*")
class UnderstandingBench {

  private static final int WARM_UP_ROUNDS = 30;
  private static final int MEASURED_ROUNDS = 50;

  @Test
  void reportsAccuracyAndTimePerMessage() {
    UnderstandingProbe probe = UnderstandingProbe.overSeedPlan();
    List<String> texts = probe.texts();
    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
      texts.forEach(probe::understand);
    }
    long[] nanos = new long[texts.size() * MEASURED_ROUNDS];
    long[][] perText = new long[texts.size()][MEASURED_ROUNDS];
    int n = 0;
    for (int round = 0; round < MEASURED_ROUNDS; round++) {
      for (int t = 0; t < texts.size(); t++) {
        long start = System.nanoTime();
        probe.understand(texts.get(t));
        long took = System.nanoTime() - start;
        nanos[n++] = took;
        perText[t][round] = took;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "understanding bench: %d messages, accuracy %.1f%% (%d wrong), per message median %.3f ms,"
            + " p99 %.3f ms, max %.3f ms (%d timed parses after %d warm-up rounds)%n",
        texts.size(),
        probe.accuracy() * 100,
        probe.wrong().size(),
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
        nanos[nanos.length - 1] / 1e6,
        nanos.length,
        WARM_UP_ROUNDS);
    probe.wrong().forEach(w -> System.out.println("  wrong: " + w));
    IntStream.range(0, texts.size())
        .boxed()
        .sorted(Comparator.comparingLong((Integer t) -> median(perText[t])).reversed())
        .limit(5)
        .forEach(
            t ->
                System.out.printf(
                    "  slowest: median %.3f ms  %s%n", median(perText[t]) / 1e6, texts.get(t)));
  }

  private static long median(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }
}
