package org.gapmap.core.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import org.gapmap.core.model.NeighborhoodId;
import org.junit.jupiter.api.Test;

class AreaWeightedMeansTest {
  private static final NeighborhoodId A = NeighborhoodId.of("A");

  @Test
  void meanIsWeightedAndPartitionsMergeByAddition() {
    AreaWeightedMeans one = new AreaWeightedMeans();
    one.add(A, "down", 100, 3);
    AreaWeightedMeans two = new AreaWeightedMeans();
    two.add(A, "down", 20, 1);
    two.add(A, "down", 999, 0);

    one.merge(two);

    assertThat(one.mean(A, "down")).hasValue((100 * 3 + 20) / 4.0);
    assertThat(one.weight(A, "down")).isEqualTo(4);
    assertThat(one.mean(A, "up")).isEmpty();
  }
}
