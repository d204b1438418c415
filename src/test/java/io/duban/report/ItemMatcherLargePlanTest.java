package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan where many items say the same: the matcher ranks only the best few of them for a message,
 * and that must not lose the sender's own item or the items a message is limited to, wherever they
 * stand in the plan.
 */
class ItemMatcherLargePlanTest {

  /** 300 items of one title, then one other, in three sections. */
  private static final ItemMatcher MATCHER = new ItemMatcher(plan(), MatcherSettings.DEFAULTS);

  private static List<CatalogueItem> plan() {
    List<CatalogueItem> items = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      items.add(new CatalogueItem(String.valueOf(s), null, "第" + s + "部分", "", false));
      for (int i = 1; i <= 100; i++) {
        items.add(new CatalogueItem(s + "." + i, String.valueOf(s), "泵站改造工程", "", true));
      }
    }
    items.add(new CatalogueItem("3.101", "3", "老旧小区加装电梯", "", true));
    return items;
  }

  @Test
  void theSendersOwnItemIsChosenThoughItIsTheLastOfManyAlike() {
    ItemMatcher.Match match = MATCHER.match("泵站改造工程完成80%", Set.of("3.100"), List.of());

    assertThat(match.chosen()).isEqualTo("3.100");
    assertThat(match.candidates().get(0).code()).isEqualTo("3.100");
  }

  @Test
  void withoutTheSendersItemNoneOfTheAlikeIsChosenAndAFewAreOffered() {
    ItemMatcher.Match match = MATCHER.match("泵站改造工程完成80%", Set.of(), List.of());

    assertThat(match.chosen()).isNull();
    assertThat(match.candidates())
        .hasSize(MatcherSettings.DEFAULTS.maxCandidates())
        .extracting(Candidate::code)
        .containsExactly("1.1", "1.2", "1.3");
  }

  @Test
  void aMessageLimitedToSomeItemsIsRankedAmongThemOnly() {
    ItemMatcher.Match match = MATCHER.match("泵站改造工程完成80%", Set.of(), List.of("2.99", "3.101"));

    assertThat(match.chosen()).isEqualTo("2.99");
    assertThat(match.candidates()).extracting(Candidate::code).containsExactly("2.99");
  }

  @Test
  void theStudyRankingListsEveryMatchingItem() {
    assertThat(MATCHER.ranked("泵站改造")).hasSize(300);
    assertThat(MATCHER.ranked("加装电梯")).extracting(Candidate::code).containsExactly("3.101");
  }
}
