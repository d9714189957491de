package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;

import java.util.HashMap;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute layout of score items. {@code gapScore} and {@code rank} are numbers (absent when
 * null); indicator values and contributions are exact JSON. A ranked score carries the rank index
 * keys. Stateless.
 */
final class ScoreItems {
  private ScoreItems() {}

  static Map<String, AttributeValue> item(RegionId regionId, RunId runId, NeighborhoodScore score) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TableLayout.PK, s(TableLayout.scorePk(regionId, runId)));
    item.put(TableLayout.SK, s(TableLayout.neighborhoodSk(score.id())));
    item.put("id", s(score.id().value()));
    item.put("indicators", s(JsonValues.doubles(score.indicators().asMap())));
    if (score.gapScore() != null) {
      item.put("gapScore", n(score.gapScore()));
    }
    if (score.rank() != null) {
      item.put("rank", n(score.rank()));
      item.put(TableLayout.GSI1PK, s(TableLayout.rankPk(regionId, runId)));
      item.put(TableLayout.GSI1SK, s(TableLayout.rankSk(score.rank())));
    }
    item.put("contributions", s(JsonValues.doubles(score.contributions())));
    item.put("missing", s(JsonValues.strings(score.missingIndicators())));
    return item;
  }

  static NeighborhoodScore score(Map<String, AttributeValue> item) {
    return new NeighborhoodScore(
        NeighborhoodId.of(Attributes.string(item, "id")),
        Indicators.of(JsonValues.doubles(Attributes.string(item, "indicators"))),
        Attributes.optionalDouble(item, "gapScore"),
        Attributes.optionalInt(item, "rank"),
        JsonValues.doubles(Attributes.string(item, "contributions")),
        JsonValues.strings(Attributes.string(item, "missing")));
  }
}
