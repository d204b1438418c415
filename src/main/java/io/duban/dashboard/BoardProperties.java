package io.duban.dashboard;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The leaders' board ({@code duban.board}).
 *
 * @param unitListMax up to this many units the 单位 filter is a list to pick from; with more (a
 *     province's two thousand) it is a box to type a name in, with suggestions as one types, so the
 *     page does not carry every unit's name. Default 150.
 */
@ConfigurationProperties("duban.board")
@Validated
record BoardProperties(@PositiveOrZero Integer unitListMax) {

  BoardProperties {
    unitListMax = unitListMax == null ? 150 : unitListMax;
  }
}
