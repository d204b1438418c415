package io.duban.report.bench;

import io.duban.report.MatcherScaleProbe;
import io.duban.report.UnderstandingProbe;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long building the item index takes at province scale and what one message then costs. Not
 * part of the normal test run: {@code mvn -q test -Dgroups=bench -Dtest=MatcherScaleBench} ({@code
 * -Dscale.leaves=10000} for the size; default 10,000).
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "groups", matches = ".*bench.*")
class MatcherScaleBench {

  private static final int LEAVES = Integer.getInteger("scale.leaves", 10_000);

  @Test
  void buildsAndMatchesAtProvinceScale() {
    List<String> texts = UnderstandingProbe.overSeedPlan().texts();
    measure(n -> MatcherScaleProbe.lookAlike(Math.max(1, n / 99)), texts);
    measure(MatcherScaleProbe::realPlans, texts);
  }

  private static void measure(IntFunction<MatcherScaleProbe> build, List<String> texts) {
    long start = System.nanoTime();
    MatcherScaleProbe probe = build.apply(LEAVES);
    long built = System.nanoTime() - start;
    for (int i = 0; i < 3; i++) {
      texts.forEach(probe::understand);
    }
    long[] nanos = new long[texts.size() * 3];
    int n = 0;
    for (int round = 0; round < 3; round++) {
      for (String text : texts) {
        long t = System.nanoTime();
        probe.understand(text);
        nanos[n++] = System.nanoTime() - t;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "matcher scale bench: %s: index built in %.1f s (%s); per message median %.3f ms, p99 %.3f"
            + " ms, max %.3f ms over %d parses%n",
        probe.name(),
        built / 1e9,
        probe.calibration(),
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
        nanos[nanos.length - 1] / 1e6,
        nanos.length);
  }
}
