package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class ItemsQueryTest {
  @Test
  void defaults() {
    ItemsQuery q = ItemsQuery.parse(Map.of());

    assertThat(q.limit()).isEqualTo(ItemsQuery.DEFAULT_LIMIT);
    assertThat(q.offset()).isZero();
    assertThat(q.sortBy()).isEmpty();
    assertThat(q.bbox()).isEmpty();
    assertThat(q.skipGeometry()).isFalse();
    assertThat(q.properties()).isNull();
  }

  @Test
  void limitIsClampedEvenBeyondLongRange() {
    assertThat(parse("limit", "20000").limit()).isEqualTo(ItemsQuery.MAX_LIMIT);
    assertThat(parse("limit", "99999999999999999999999").limit()).isEqualTo(ItemsQuery.MAX_LIMIT);
    assertThat(parse("offset", "99999999999999999999999").offset()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void refusesBadValues() {
    assertRefused("limit", "0");
    assertRefused("limit", "-3");
    assertRefused("limit", "1.5");
    assertRefused("offset", "-1");
    assertRefused("skipGeometry", "yes");
    assertRefused("datetime", "yesterday");
    assertRefused("datetime", "2025-06-30/2025-07-01/2025-07-02");
    assertRefused("gap_score_min", "high");
    assertRefused("rank_max", "0");
    assertRefused("ranked", "maybe");
    assertRefused("bbox", "1,2,3,4,5");
    assertRefused("bbox", "1,2,,4");
    assertRefused("bbox", "0,0,1,NaN");
    assertRefused("bbox", "0,0,1,1e999");
    assertRefused("bbox", "0,-91,1,1");
    assertRefused("bbox", "0,0,0,1,1,-1");
    assertRefused("sortby", "gap_score,population");
  }

  @Test
  void refusesUnknownAndRepeatedParameters() {
    assertThatThrownBy(() -> ItemsQuery.parse(Map.of("filter-lang", List.of("cql2-text"))))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.description()).contains("filter-lang"));
    assertThatThrownBy(() -> ItemsQuery.parse(Map.of("limit", List.of("1", "2"))))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void sortKeysWithSignsAndSeveralFields() {
    ItemsQuery q = parse("sortby", "-gap_score, name,+rank");

    assertThat(q.sortBy())
        .containsExactly(
            new SortKey(SortKey.Field.GAP_SCORE, true),
            new SortKey(SortKey.Field.NAME, false),
            new SortKey(SortKey.Field.RANK, false));
  }

  @Test
  void bboxCrossingTheAntimeridianIsTwoEnvelopes() {
    assertThat(parse("bbox", "170,-10,-170,10").bbox())
        .containsExactly(new Envelope(170, 180, -10, 10), new Envelope(-180, -170, -10, 10));
    assertThat(parse("bbox", " -74 , 40.5 , -73.5 , 41 ").bbox())
        .containsExactly(new Envelope(-74, -73.5, 40.5, 41));
  }

  @Test
  void propertiesAndAcceptedExtras() {
    ItemsQuery q =
        ItemsQuery.parse(
            Map.of(
                "properties", List.of("name, gap_score"),
                "datetime", List.of("2025-06-30T"),
                "f", List.of("json"),
                "skipGeometry", List.of("TRUE")));

    assertThat(q.properties()).containsExactly("name", "gap_score");
    assertThat(q.skipGeometry()).isTrue();
    assertThat(q.isFullFeature()).isFalse();
  }

  @Test
  void datetimeInTheFormsClientsSend() {
    for (String value :
        List.of(
            "2025-06-30T",
            "2025-06-30",
            "2025-06-30T12:00:00Z",
            "2025-06-30T12:00:00.5+02:00",
            "2025-06-01/..",
            "../2025-06-30T",
            "2025-06-01T/2025-06-30T")) {
      assertThat(parse("datetime", value).limit()).as(value).isEqualTo(ItemsQuery.DEFAULT_LIMIT);
    }
  }

  @Test
  void propertyFiltersAndRun() {
    ItemsQuery q =
        ItemsQuery.parse(
            Map.of(
                "borough", List.of("Bronx"),
                "gap_score_min", List.of("50"),
                "rank_max", List.of("33"),
                "run", List.of("20250630T120000.000Z-1a2b")));

    assertThat(q.filter()).isEqualTo(new PropertyFilter("Bronx", null, 50.0, null, 33));
    assertThat(q.run()).isEqualTo("20250630T120000.000Z-1a2b");
    assertThat(q.isWholeCollection(5)).isFalse();
  }

  @Test
  void bboxInAnotherCrsIsConvertedToCrs84() {
    ItemsQuery latLon =
        ItemsQuery.parse(
            Map.of(
                "bbox", List.of("40.5,-74,41,-73.5"),
                "bbox-crs", List.of("http://www.opengis.net/def/crs/EPSG/0/4326")));
    assertThat(latLon.bbox()).containsExactly(new Envelope(-74, -73.5, 40.5, 41));

    ItemsQuery metres =
        ItemsQuery.parse(
            Map.of(
                "bbox", List.of("-8237642.32,4968191.93,-8181982.57,5012341.66"),
                "bbox-crs", List.of("http://www.opengis.net/def/crs/EPSG/0/3857")));
    Envelope e = metres.bbox().get(0);
    assertThat(e.getMinX()).isCloseTo(-74.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(e.getMaxX()).isCloseTo(-73.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(e.getMinY()).isCloseTo(40.7, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(e.getMaxY()).isCloseTo(41.0, org.assertj.core.data.Offset.offset(1e-6));

    assertRefused("bbox-crs", "EPSG:4326");
    assertRefused("crs", "http://www.opengis.net/def/crs/EPSG/0/2263");
  }

  private static ItemsQuery parse(String name, String value) {
    return ItemsQuery.parse(Map.of(name, List.of(value)));
  }

  private static void assertRefused(String name, String value) {
    assertThatThrownBy(() -> parse(name, value))
        .as("%s=%s", name, value)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(400));
  }
}
