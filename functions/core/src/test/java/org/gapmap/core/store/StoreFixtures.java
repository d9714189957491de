package org.gapmap.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Small, valid domain objects for store tests. Timestamps are whole milliseconds. Stateless. */
public final class StoreFixtures {
  /** A moment with millisecond precision that tests count from. */
  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

  private StoreFixtures() {}

  public static Geometry wkt(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad WKT in test fixture: " + wkt, e);
    }
  }

  /** A region around Manhattan, not yet pointing at a run. */
  public static Region region(String id) {
    return new Region(
        RegionId.of(id),
        "Region " + id,
        new BoundingBox(-74.0479, 40.6829, -73.9067, 40.8820),
        3,
        "Neighborhood polygons: test fixture, public domain",
        T0,
        null,
        0);
  }

  /** Three neighborhoods of {@link #region}, deliberately not in id order. */
  public static List<Neighborhood> neighborhoods() {
    Geometry withSrid =
        wkt("POLYGON ((-73.99 40.75, -73.98 40.75, -73.98 40.76, -73.99 40.76, -73.99 40.75))");
    withSrid.setSRID(4326);
    return List.of(
        new Neighborhood(
            NeighborhoodId.of("MN17"),
            "Midtown-Midtown South",
            "Manhattan",
            true,
            withSrid,
            1.2345678901234567),
        new Neighborhood(
            NeighborhoodId.of("BK99"),
            "park-cemetery-etc-Brooklyn",
            null,
            false,
            wkt(
                "MULTIPOLYGON (((-73.97 40.66, -73.96 40.66, -73.96 40.67, -73.97 40.66)),"
                    + " ((-73.95 40.65, -73.94 40.65, -73.94 40.651, -73.95 40.65)))"),
            0.1 + 0.2),
        new Neighborhood(
            NeighborhoodId.of("BK09"),
            "Brooklyn Heights-Cobble Hill",
            "Brooklyn",
            true,
            wkt(
                "POLYGON ((-74.0001 40.69, -73.99 40.69, -73.99 40.70, -74.0001 40.70,"
                    + " -74.0001 40.69), (-73.997 40.693, -73.996 40.693, -73.996 40.694,"
                    + " -73.997 40.693))"),
            Math.PI));
  }

  /** The id of an upload whose content is {@code content}. */
  public static UploadId uploadId(String content) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return new UploadId(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** An adoption upload received {@code secondsAfterT0} after {@link #T0}. */
  public static UploadRecord upload(String regionId, String content, long secondsAfterT0) {
    return new UploadRecord(
        uploadId(content),
        RegionId.of(regionId),
        UploadKind.ADOPTION,
        "adoption",
        content + ".csv",
        "ACS 2023 5-year, table S2801",
        T0.plusSeconds(secondsAfterT0),
        new IngestReport(10, 7, 2, 1, List.of("row 4: unknown neighborhood XX01", "row 9: empty")),
        Map.of(
            NeighborhoodId.of("MN17"),
            Indicators.of(Map.of("home_broadband_adoption", 0.1 + 0.2, "no_computer", 1e-300)),
            NeighborhoodId.of("BK09"),
            Indicators.of(Map.of("home_broadband_adoption", 0.8765432109876543))));
  }

  /** {@code upload} with the data vintage {@code isoDate}. */
  public static UploadRecord withAsOf(UploadRecord upload, String isoDate) {
    return new UploadRecord(
        upload.id(),
        upload.regionId(),
        upload.kind(),
        upload.label(),
        upload.sourceName(),
        upload.attribution(),
        upload.receivedAt(),
        upload.report(),
        upload.indicators(),
        java.time.LocalDate.parse(isoDate));
  }

  /** {@code run} with a stored profile definition. */
  public static Run withDefinition(Run run, String definition) {
    return new Run(
        run.id(),
        run.regionId(),
        run.profile(),
        run.inputs(),
        run.status(),
        run.createdAt(),
        definition);
  }

  /** A run id for a run started {@code secondsAfterT0} after {@link #T0}, with a fixed suffix. */
  public static RunId runId(long secondsAfterT0, int suffix) {
    String timestamp = RunId.newRunId(T0.plusSeconds(secondsAfterT0)).value().substring(0, 21);
    return RunId.of(timestamp + String.format("%04x", suffix));
  }

  /** A BUILDING run of {@code regionId} started {@code secondsAfterT0} after {@link #T0}. */
  public static Run run(String regionId, long secondsAfterT0, List<UploadId> inputs) {
    return new Run(
        runId(secondsAfterT0, 1),
        RegionId.of(regionId),
        "balanced@1",
        inputs,
        RunStatus.BUILDING,
        T0.plusSeconds(secondsAfterT0));
  }

  /** A scored and ranked neighborhood. */
  public static NeighborhoodScore scored(String id, double gapScore, int rank) {
    return new NeighborhoodScore(
        NeighborhoodId.of(id),
        Indicators.of(Map.of("home_broadband_adoption", 0.1 + 0.2, "no_computer", 0.07)),
        gapScore,
        rank,
        Map.of("home_broadband_adoption", gapScore * 0.6, "no_computer", gapScore * 0.4),
        List.of());
  }

  /** A neighborhood that could not be scored: no gap score, no rank, every indicator missing. */
  public static NeighborhoodScore unscored(String id) {
    return new NeighborhoodScore(
        NeighborhoodId.of(id),
        Indicators.empty(),
        null,
        null,
        Map.of(),
        List.of("home_broadband_adoption", "no_computer"));
  }
}
