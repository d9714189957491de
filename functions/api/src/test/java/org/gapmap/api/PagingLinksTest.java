package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagingLinksTest {
  private static final String URL = "http://h/collections/r/items";

  @Test
  void firstPageHasNextOnly() {
    List<Link> links = PagingLinks.of(URL, "limit=2&bbox=1%2C2%2C3%2C4", 0, 2, 5);

    assertThat(links).extracting(Link::rel).containsExactly("self", "next");
    assertThat(links.get(0).href()).isEqualTo(URL + "?limit=2&bbox=1%2C2%2C3%2C4");
    assertThat(links.get(1).href()).isEqualTo(URL + "?limit=2&bbox=1%2C2%2C3%2C4&offset=2");
  }

  @Test
  void middlePageReplacesOffset() {
    List<Link> links = PagingLinks.of(URL, "offset=2&limit=2", 2, 2, 5);

    assertThat(links).extracting(Link::rel).containsExactly("self", "next", "prev");
    assertThat(links.get(1).href()).isEqualTo(URL + "?limit=2&offset=4");
    assertThat(links.get(2).href()).isEqualTo(URL + "?limit=2&offset=0");
  }

  @Test
  void lastPageHasNoNext() {
    assertThat(PagingLinks.of(URL, "offset=4&limit=2", 4, 2, 5))
        .extracting(Link::rel)
        .containsExactly("self", "prev");
    assertThat(PagingLinks.of(URL, null, 0, 100, 5)).extracting(Link::rel).containsExactly("self");
    assertThat(PagingLinks.of(URL, null, 0, 100, 5).get(0).href()).isEqualTo(URL);
  }
}
