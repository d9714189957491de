package org.gapmap.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.store.ScoreStore;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Test data written through the store port: a published region of five small neighborhoods (one
 * unranked, one without a score, one stored with a clockwise ring, two with equal scores) and a
 * region with nothing published.
 */
final class TestRegions {
  static final RegionId PUBLISHED = RegionId.of("testville");
  static final RegionId UNPUBLISHED = RegionId.of("emptyville");
  static final Instant FIRST_RUN_AT = Instant.parse("2025-06-30T12:00:00Z");

  /** Feature ids in id order. */
  static final List<String> IDS = List.of("N1", "N2", "N3", "N4", "P1");

  /** Neighborhood N3, stored with a clockwise exterior ring. */
  static final String CLOCKWISE_ID = "N3";

  private TestRegions() {}

  /** Creates both regions and publishes the first run of {@link #PUBLISHED}. */
  static RunId populate(ScoreStore store) {
    store.createRegion(
        region(PUBLISHED, "Testville", new BoundingBox(-73.99, 40.70, -73.96, 40.72)),
        List.of(
            neighborhood("N1", "Alpha", true, box(-73.99, 40.70, -73.98, 40.71)),
            neighborhood("N2", "Bravo", true, box(-73.98, 40.70, -73.97, 40.71)),
            neighborhood(
                "N3",
                "Charlie",
                true,
                "POLYGON ((-73.97 40.70, -73.97 40.71, -73.96 40.71, -73.96 40.70, -73.97 40.70))"),
            neighborhood("N4", "Delta", true, box(-73.99, 40.71, -73.98, 40.72)),
            neighborhood("P1", "Riverside Park", false, box(-73.98, 40.71, -73.97, 40.72))));
    store.createRegion(
        region(UNPUBLISHED, "Emptyville", new BoundingBox(10, 50, 10.1, 50.1)),
        List.of(neighborhood("E1", "Echo", true, box(10, 50, 10.1, 50.1))));
    // A run that never got published: the region still has nothing to show.
    Run building = run(UNPUBLISHED, FIRST_RUN_AT);
    store.createRun(building);
    return publish(
        store,
        PUBLISHED,
        FIRST_RUN_AT,
        List.of(
            score("N1", 55.0, 2),
            score("N2", 80.0, 1),
            score("N3", 55.0, 3),
            score("N4", null, null),
            score("P1", null, null)));
  }

  /** Writes a run with {@code scores}, publishes it and moves the region's pointer to it. */
  static RunId publish(
      ScoreStore store, RegionId regionId, Instant createdAt, List<NeighborhoodScore> scores) {
    Run run = run(regionId, createdAt);
    store.createRun(run);
    store.putScores(regionId, run.id(), scores);
    store.setRunStatus(regionId, run.id(), RunStatus.PUBLISHED);
    long version = store.region(regionId).orElseThrow().version();
    if (!store.setCurrentRun(regionId, version, run.id())) {
      throw new IllegalStateException("pointer moved concurrently");
    }
    return run.id();
  }

  static NeighborhoodScore score(String id, Double gapScore, Integer rank) {
    Map<String, Double> indicators = new LinkedHashMap<>();
    Map<String, Double> contributions = new LinkedHashMap<>();
    if (gapScore != null) {
      indicators.put("households", 1200.0);
      indicators.put("home_broadband_adoption", 0.71);
      indicators.put("mobile_broadband_adoption", 0.88);
      indicators.put("small_cells_count", 3.0);
      indicators.put("small_cells_per_km2", 2.75);
      contributions.put("home_broadband_adoption", gapScore * 0.6);
      contributions.put("small_cells_per_km2", gapScore * 0.4);
    }
    return new NeighborhoodScore(
        NeighborhoodId.of(id),
        Indicators.of(indicators),
        gapScore,
        rank,
        contributions,
        gapScore == null ? List.of("home_broadband_adoption") : List.of());
  }

  private static Run run(RegionId regionId, Instant createdAt) {
    return new Run(
        RunId.newRunId(createdAt),
        regionId,
        "balanced@1",
        List.of(),
        RunStatus.BUILDING,
        createdAt);
  }

  private static Region region(RegionId id, String title, BoundingBox bbox) {
    return new Region(id, title, bbox, 5, "Test polygons, public domain", FIRST_RUN_AT, null, 0);
  }

  private static Neighborhood neighborhood(String id, String name, boolean ranked, String wkt) {
    return new Neighborhood(NeighborhoodId.of(id), name, "Borough", ranked, geometry(wkt), 0.94);
  }

  private static String box(double minLon, double minLat, double maxLon, double maxLat) {
    // Counter-clockwise.
    return String.format(
        java.util.Locale.ROOT,
        "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
        minLon,
        minLat,
        maxLon,
        minLat,
        maxLon,
        maxLat,
        minLon,
        maxLat,
        minLon,
        minLat);
  }

  private static Geometry geometry(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad test WKT " + wkt, e);
    }
  }
}
