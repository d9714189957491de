package org.gapmap.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.gapmap.core.TestInputs.source;

import java.util.Arrays;
import java.util.List;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Neighborhood;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygonal;

class RegionImporterTest {
  private static final String SQUARE = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";
  private static final String EAST_SQUARE = "[[[1,0],[2,0],[2,1],[1,1],[1,0]]]";
  private static final String BOW_TIE = "[[[0,0],[2,2],[2,0],[0,2],[0,0]]]";

  private static final RegionImportOptions NTA =
      new RegionImportOptions("NTACode", "NTAName", null, List.of());

  private static String feature(String properties, String type, String coordinates) {
    return "{\"type\":\"Feature\",\"properties\":"
        + properties
        + ",\"geometry\":{\"type\":\""
        + type
        + "\",\"coordinates\":"
        + coordinates
        + "}}";
  }

  private static String polygon(String properties, String coordinates) {
    return feature(properties, "Polygon", coordinates);
  }

  private static String nta(String code, String name, String boro) {
    return "{\"BoroCode\":3,\"BoroName\":\""
        + boro
        + "\",\"NTACode\":\""
        + code
        + "\",\"NTAName\":\""
        + name
        + "\"}";
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\","
        + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},"
        + "\"features\":["
        + String.join(",\n", features)
        + "]}";
  }

  private static ImportedRegion read(RegionImportOptions options, String... features) {
    return RegionImporter.read(source("nta.geojson", collection(features)), options);
  }

  private static RegionImportOptions unranked(String... conditions) {
    return new RegionImportOptions(
        "NTACode",
        "NTAName",
        null,
        Arrays.stream(conditions).map(UnrankedCondition::parse).toList());
  }

  @Test
  void idsNamesAndBoroughsAreRead() {
    ImportedRegion region =
        read(
            NTA,
            polygon(nta("BK09", "Brooklyn Heights-Cobble Hill", "Brooklyn"), SQUARE),
            feature(
                nta("MN17", "Midtown-Midtown South", "Manhattan"),
                "MultiPolygon",
                "[" + EAST_SQUARE + "]"));

    assertThat(region.neighborhoods())
        .extracting(
            n -> n.id().value(), Neighborhood::name, Neighborhood::borough, Neighborhood::ranked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "BK09", "Brooklyn Heights-Cobble Hill", "Brooklyn", true),
            org.assertj.core.groups.Tuple.tuple(
                "MN17", "Midtown-Midtown South", "Manhattan", true));
    Neighborhood first = region.neighborhoods().get(0);
    assertThat(first.areaKm2())
        .isCloseTo(EllipsoidalArea.squareKilometres(first.geometry()), withinPercentage(1e-9))
        .isCloseTo(12_308.78, withinPercentage(0.01));
    assertThat(region.rankedCount()).isEqualTo(2);
    assertThat(region.notes()).containsExactly("2 neighborhoods, 2 ranked, 0 shown but not ranked");
  }

  @Test
  void boroughPropertyCanBeNamedAndUnderscoresBecomeSpaces() {
    RegionImportOptions options = new RegionImportOptions("geoid", "name", "district", List.of());

    ImportedRegion region =
        read(
            options,
            polygon("{\"geoid\":\"D1\",\"name\":\"One\",\"district\":\"North_Side\"}", SQUARE));

    assertThat(region.neighborhoods().get(0).borough()).isEqualTo("North Side");
  }

  @Test
  void boroughIsNullWhenNoUsualPropertyIsThere() {
    ImportedRegion region = read(NTA, polygon("{\"NTACode\":\"X1\",\"NTAName\":\"X\"}", SQUARE));

    assertThat(region.neighborhoods().get(0).borough()).isNull();
  }

  @Test
  void duplicateIdIsRejectedNamingTheFeature() {
    assertThatThrownBy(
            () ->
                read(
                    NTA,
                    polygon(nta("BK09", "One", "Brooklyn"), SQUARE),
                    polygon(nta("BK17", "Two", "Brooklyn"), EAST_SQUARE),
                    polygon(nta("BK09", "Three", "Brooklyn"), EAST_SQUARE)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("nta.geojson")
        .hasMessageContaining("feature 3")
        .hasMessageContaining("column 'NTACode'")
        .hasMessageContaining("duplicate neighborhood id 'BK09'");
  }

  @Test
  void missingIdPropertyIsRejectedNamingTheProperty() {
    assertThatThrownBy(
            () ->
                read(
                    NTA,
                    polygon(nta("BK09", "One", "Brooklyn"), SQUARE),
                    polygon("{\"NTAName\":\"Two\",\"BoroName\":\"Brooklyn\"}", EAST_SQUARE)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 2")
        .hasMessageContaining("'NTACode'")
        .hasMessageContaining("property missing")
        .hasMessageContaining("NTAName, BoroName");
  }

  @Test
  void blankNameIsRejected() {
    assertThatThrownBy(() -> read(NTA, polygon(nta("BK09", " ", "Brooklyn"), SQUARE)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'NTAName'")
        .hasMessageContaining("blank value");
  }

  @Test
  void nonPolygonalGeometryIsRejected() {
    assertThatThrownBy(
            () -> read(NTA, feature(nta("BK09", "One", "Brooklyn"), "Point", "[-73.99, 40.69]")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 1 (BK09)")
        .hasMessageContaining("geometry is a Point");
  }

  @Test
  void nullGeometryIsRejected() {
    String noGeometry =
        "{\"type\":\"Feature\",\"properties\":"
            + nta("BK09", "One", "Brooklyn")
            + ",\"geometry\":null}";

    assertThatThrownBy(() -> read(NTA, noGeometry))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 1 (BK09)")
        .hasMessageContaining("empty geometry");
  }

  @Test
  void emptyCollectionIsRejected() {
    assertThatThrownBy(() -> read(NTA))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no features");
  }

  @Test
  void codesEndingIn98Or99AreShownButNotRanked() {
    ImportedRegion region =
        read(
            unranked("NTACode~.*(98|99)"),
            polygon(nta("BK09", "Brooklyn Heights-Cobble Hill", "Brooklyn"), SQUARE),
            polygon(nta("BX98", "Rikers Island", "Bronx"), EAST_SQUARE),
            polygon(nta("QN99", "park-cemetery-etc-Queens", "Queens"), EAST_SQUARE),
            polygon(nta("BK99", "park-cemetery-etc-Brooklyn", "Brooklyn"), EAST_SQUARE),
            polygon(nta("MN990", "not a park", "Manhattan"), EAST_SQUARE));

    assertThat(region.neighborhoods())
        .filteredOn(n -> !n.ranked())
        .extracting(n -> n.id().value())
        .containsExactly("BX98", "QN99", "BK99");
    assertThat(region.rankedCount()).isEqualTo(2);
    assertThat(region.notes()).contains("5 neighborhoods, 2 ranked, 3 shown but not ranked");
  }

  @Test
  void notEqualsConditionComparesNumbersAsWritten() {
    ImportedRegion region =
        read(
            unranked("NTAType!=0"),
            polygon("{\"NTACode\":\"BK0101\",\"NTAName\":\"Greenpoint\",\"NTAType\":0}", SQUARE),
            polygon(
                "{\"NTACode\":\"BK1091\",\"NTAName\":\"Prospect Park\",\"NTAType\":9}",
                EAST_SQUARE),
            polygon("{\"NTACode\":\"QN8081\",\"NTAName\":\"JFK\",\"NTAType\":\"6\"}", EAST_SQUARE),
            polygon(
                "{\"NTACode\":\"MN0191\",\"NTAName\":\"Lower Bay\",\"NTAType\":0.0}", EAST_SQUARE));

    assertThat(region.neighborhoods())
        .extracting(n -> n.id().value() + "=" + n.ranked())
        .containsExactly("BK0101=true", "BK1091=false", "QN8081=false", "MN0191=true");
  }

  @Test
  void conditionNamingAPropertyNoFeatureHasIsRejected() {
    assertThatThrownBy(
            () ->
                read(
                    unranked("NTACode~.*(98|99)", "NTAType!=0"),
                    polygon(nta("BK09", "One", "Brooklyn"), SQUARE)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("column 'NTAType'")
        .hasMessageContaining("NTAType!=0")
        .hasMessageContaining("no feature has");
  }

  @Test
  void conditionOnIdUsesTheNeighborhoodId() {
    ImportedRegion region =
        read(
            unranked("id=BK09"),
            polygon(nta("BK09", "One", "Brooklyn"), SQUARE),
            polygon(nta("BK17", "Two", "Brooklyn"), EAST_SQUARE));

    assertThat(region.neighborhoods())
        .extracting(Neighborhood::ranked)
        .containsExactly(false, true);
  }

  @Test
  void selfIntersectingFeatureIsRepairedAndReported() {
    ImportedRegion region =
        read(
            NTA,
            polygon(nta("BK09", "One", "Brooklyn"), SQUARE),
            polygon(nta("QN52", "East Flushing", "Queens"), BOW_TIE));

    Neighborhood repaired = region.neighborhoods().get(1);
    assertThat(repaired.geometry().isValid()).isTrue();
    assertThat((Object) repaired.geometry()).isInstanceOf(Polygonal.class);
    assertThat(repaired.areaKm2())
        .isCloseTo(EllipsoidalArea.squareKilometres(repaired.geometry()), withinPercentage(1e-9))
        .isPositive();
    assertThat(region.notes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith("feature 2 (QN52)")
                    .contains("repaired")
                    .containsIgnoringCase("self-intersection"));
  }
}
