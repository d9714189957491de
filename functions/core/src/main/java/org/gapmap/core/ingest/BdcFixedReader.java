package org.gapmap.core.ingest;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gapmap.core.aggregate.BeadClass;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.aggregate.SpillingLongSorter;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.geom.PointGrid;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * Reads FCC Broadband Data Collection fixed availability files (the {@code bdc-fixed} kind: one row
 * per location, provider and technology) and classifies every residential broadband serviceable
 * location (business_residential_code R or X) by BEAD: its best reliable service (technology 10,
 * 40, 50, 71 or 72 with low_latency 1) makes it served (100/20 Mbps or more), underserved (25/3 or
 * more) or unserved. Stateless and thread-safe.
 *
 * <p>Locations reach neighborhoods through the first 11 digits of {@code block_geoid} (the census
 * tract) when the region has a {@link Crosswalk#TRACT} crosswalk, otherwise through the centre of
 * their H3 resolution-8 cell {@code h3_res8_id}.
 *
 * <p>Indicators: {@code bsl_count}, {@code unserved_share}, {@code underserved_share}, {@code
 * served_share}, {@code fiber_share} (share of locations with any fiber, technology 50, offered)
 * and {@code provider_count_median} (exact median of the distinct providers per location).
 *
 * <p>Memory: rows of one location need not be adjacent, so the reader keeps per location a dense
 * index (in a primitive hash map), its neighborhood and its best class (about 30 bytes), and per
 * residential row one packed {@code long} (location index, provider, technology and an 18-bit
 * fingerprint of the speeds and flags) in a {@link SpillingLongSorter}, which sorts in bounded
 * memory and spills to temporary files beyond its chunk. Sorting those values finds exact
 * duplicates (counted and ignored), conflicting duplicates (same location, provider and technology
 * with other speeds: the fastest counts, as the best service per location does anyway; reported)
 * and distinct providers per location. The fingerprint tells an exact duplicate from a conflicting
 * one; two different speed pairs share a fingerprint with a probability of 2^-18, which affects
 * only how a duplicate is reported, never an indicator.
 */
public final class BdcFixedReader implements ShardableReader {
  static final String LOCATION = "location_id";
  static final String PROVIDER = "provider_id";
  static final String TECHNOLOGY = "technology";
  static final String DOWNLOAD = "max_advertised_download_speed";
  static final String UPLOAD = "max_advertised_upload_speed";
  static final String LOW_LATENCY = "low_latency";
  static final String BUSINESS_RESIDENTIAL = "business_residential_code";
  static final String BLOCK = "block_geoid";
  static final String H3 = "h3_res8_id";

  private static final List<String> TARGETS =
      List.of(
          LOCATION,
          PROVIDER,
          TECHNOLOGY,
          DOWNLOAD,
          UPLOAD,
          LOW_LATENCY,
          BUSINESS_RESIDENTIAL,
          BLOCK,
          H3);

  /** FCC BDC technology codes, in index order. */
  private static final int[] TECHNOLOGIES = {0, 10, 40, 50, 60, 61, 70, 71, 72};

  private static final int FIBER = 50;
  private static final int[] TECH_INDEX = new int[TECHNOLOGIES[TECHNOLOGIES.length - 1] + 1];
  private static final boolean[] RELIABLE = new boolean[TECHNOLOGIES.length];

  static {
    Arrays.fill(TECH_INDEX, -1);
    for (int i = 0; i < TECHNOLOGIES.length; i++) {
      TECH_INDEX[TECHNOLOGIES[i]] = i;
    }
    for (int code : new int[] {10, 40, 50, 71, 72}) {
      RELIABLE[TECH_INDEX[code]] = true;
    }
  }

  private static final int FINGERPRINT_BITS = 18;
  private static final int TECH_BITS = 4;
  private static final int PROVIDER_BITS = 14;
  private static final int LOCATION_BITS = 63 - FINGERPRINT_BITS - TECH_BITS - PROVIDER_BITS;
  private static final int MAX_EXAMPLES = 10;

  private final int sortChunk;

  /** A reader that keeps up to 8 M rows (64 MB) in memory before spilling sorted runs. */
  public BdcFixedReader() {
    this(8 << 20);
  }

  /**
   * @param sortChunk rows kept in memory before a sorted run is spilled to a temporary file
   */
  public BdcFixedReader(int sortChunk) {
    this.sortChunk = sortChunk;
  }

  // counters of a partial
  private static final int ROWS_READ = 0;
  private static final int BUSINESS_ROWS = 1;
  private static final int ROWS_OUTSIDE = 2;
  private static final int LOCATIONS_OUTSIDE = 3;
  private static final int LOCATIONS_INSIDE = 4;
  private static final int EXACT_DUPLICATES = 5;
  private static final int CONFLICTS = 6;
  private static final int DUPLICATES_INSIDE = 7;
  private static final int SERVICES_INSIDE = 8;
  private static final int COUNTERS = 9;

  /**
   * Rows of one location must meet in one shard: its best service needs all of them. They are
   * routed by the location id as a number, as the reader reads it ({@code 0123} is {@code 123}).
   */
  @Override
  public ShardKey shardKey(UploadOptions options) {
    return ShardKey.column(LOCATION, List.of(LOCATION), options, BdcFixedReader::locationHash);
  }

  private static long locationHash(CsvScanner csv, int column) {
    try {
      return ShardKey.spread(csv.digits(column));
    } catch (NumberFormatException e) {
      return csv.fieldHash(column); // not a location id: the shard that gets it rejects it
    }
  }

  @Override
  public PartialAggregate shard(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("bdc-fixed uploads have no presets; use --map");
    }
    Optional<Crosswalk> crosswalk = region.crosswalk(Crosswalk.TRACT);
    try (CsvScanner csv = CsvScanner.open(input);
        SpillingLongSorter services = new SpillingLongSorter(sortChunk)) {
      ColumnResolver columns = new ColumnResolver(csv, options.columns(), Map.of());
      columns.checkTargets("bdc-fixed", TARGETS);
      int[] c = new int[TARGETS.size()];
      for (int i = 0; i < TARGETS.size(); i++) {
        String target = TARGETS.get(i);
        boolean needed = crosswalk.isPresent() ? !target.equals(H3) : !target.equals(BLOCK);
        c[i] =
            needed
                ? columns.require(target, List.of(target))
                : columns.find(target, List.of(target)).orElse(-1);
      }
      return new Pass(csv, region, crosswalk, c, services).run();
    }
  }

  @Override
  public ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options) {
    if (merged.counter(ROWS_READ) == 0) {
      throw new InputRejectedException(sourceName, null, null, "no data rows after the header");
    }
    List<NeighborhoodId> ids =
        region.neighborhoods().stream().map(Neighborhood::id).sorted().toList();
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    for (int i = 0; i < ids.size(); i++) {
      if (merged.hasAvailability(i)) {
        out.put(ids.get(i), Indicators.of(merged.availability(i).indicators()));
      }
    }
    long businessRows = merged.counter(BUSINESS_ROWS);
    long outsideLocations = merged.counter(LOCATIONS_OUTSIDE);
    long exact = merged.counter(EXACT_DUPLICATES);
    long conflicting = merged.counter(CONFLICTS);
    List<String> notes = new ArrayList<>();
    notes.add(
        merged.counter(LOCATIONS_INSIDE)
            + " residential locations in "
            + out.size()
            + " neighborhoods (through "
            + (region.crosswalk(Crosswalk.TRACT).isPresent()
                ? "the tract crosswalk"
                : "H3 res-8 cell centres")
            + ")");
    if (businessRows > 0) {
      notes.add(businessRows + " business-only rows (code B) are not residential and were skipped");
    }
    if (outsideLocations > 0) {
      notes.add(
          outsideLocations
              + " locations ("
              + merged.counter(ROWS_OUTSIDE)
              + " rows) fall outside every neighborhood of the region and were not counted");
    }
    if (exact > 0) {
      notes.add(exact + " exact duplicate rows were counted once");
    }
    if (conflicting > 0) {
      notes.add(
          conflicting
              + " rows repeat a location, provider and technology with other speeds; the fastest"
              + " counts. First: "
              + String.join("; ", merged.details()));
    }
    IngestReport report =
        new IngestReport(
            merged.counter(ROWS_READ),
            merged.counter(SERVICES_INSIDE),
            merged.counter(ROWS_OUTSIDE),
            businessRows + merged.counter(DUPLICATES_INSIDE),
            notes);
    return new ReadResult("bdc-fixed", out, report);
  }

  /** One read of one file: the per-location state. */
  private static final class Pass {
    private final CsvScanner csv;
    private final RegionContext region;
    private final SpillingLongSorter services;
    private final int location;
    private final int provider;
    private final int technology;
    private final int download;
    private final int upload;
    private final int lowLatency;
    private final int businessResidential;
    private final int block;
    private final int h3;
    private final boolean byTract;

    private final List<NeighborhoodId> ids;
    private final LongIntHashMap tractToNeighborhood = new LongIntHashMap();
    private final LongIntHashMap cellToNeighborhood = new LongIntHashMap();
    private final LongIntHashMap locationIndex = new LongIntHashMap();
    private final IntIntHashMap providerIndex = new IntIntHashMap();
    private int[] providerIds = new int[64];
    private int[] neighborhood = new int[1 << 16];
    private byte[] best = new byte[1 << 16];
    private int locations;

    private long rowsRead;
    private long businessRows;
    private long rowsOutside;

    Pass(
        CsvScanner csv,
        RegionContext region,
        Optional<Crosswalk> crosswalk,
        int[] c,
        SpillingLongSorter services) {
      this.csv = csv;
      this.region = region;
      this.services = services;
      this.location = c[0];
      this.provider = c[1];
      this.technology = c[2];
      this.download = c[3];
      this.upload = c[4];
      this.lowLatency = c[5];
      this.businessResidential = c[6];
      this.block = c[7];
      this.h3 = c[8];
      this.byTract = crosswalk.isPresent();
      this.ids = region.neighborhoods().stream().map(Neighborhood::id).sorted().toList();
      if (byTract) {
        Map<NeighborhoodId, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
          position.put(ids.get(i), i);
        }
        crosswalk
            .get()
            .mapping()
            .forEach(
                (tract, id) -> {
                  Integer at = position.get(id);
                  if (at != null
                      && tract.length() == 11
                      && tract.chars().allMatch(Character::isDigit)) {
                    tractToNeighborhood.put(Long.parseLong(tract), at);
                  }
                });
      }
    }

    PartialAggregate run() {
      while (csv.next()) {
        row();
      }
      return summarize();
    }

    private void row() {
      rowsRead++;
      char code = businessResidential();
      long locationId = integer(location, "a numeric location id");
      long providerId = integer(provider, "a numeric provider id");
      int tech = technology();
      double down = speed(download);
      double up = speed(upload);
      int latency = lowLatency();
      long geography = byTract ? tract() : cell();
      if (code == 'B') {
        businessRows++;
        return;
      }
      int slot = locationIndex.indexOf(locationId);
      int at;
      if (locationIndex.indexExists(slot)) {
        at = locationIndex.indexGet(slot);
      } else {
        at = newLocation(slot, locationId, geography);
      }
      if (neighborhood[at] < 0) {
        rowsOutside++;
      }
      int techIndex = TECH_INDEX[tech];
      if (RELIABLE[techIndex] && latency == 1) {
        int cls = BeadClass.of(down, up).ordinal();
        if (cls > (best[at] & 3)) {
          best[at] = (byte) ((best[at] & ~3) | cls);
        }
      }
      if (tech == FIBER) {
        best[at] |= 4;
      }
      long key = ((long) at << PROVIDER_BITS | providerIndex(providerId)) << TECH_BITS | techIndex;
      services.add(key << FINGERPRINT_BITS | fingerprint(down, up, latency, code));
    }

    private int newLocation(int slot, long locationId, long geography) {
      int at = locations++;
      if (at >= 1 << LOCATION_BITS) {
        throw new InputRejectedException(
            csv.source(),
            "line " + csv.line(),
            null,
            "more than " + (1 << LOCATION_BITS) + " locations in one file: split it by state");
      }
      locationIndex.indexInsert(slot, locationId, at);
      if (at == neighborhood.length) {
        neighborhood = Arrays.copyOf(neighborhood, at * 2);
        best = Arrays.copyOf(best, at * 2);
      }
      neighborhood[at] =
          byTract ? tractToNeighborhood.getOrDefault(geography, -1) : cellNeighborhood(geography);
      return at;
    }

    private int cellNeighborhood(long cell) {
      return cellToNeighborhood.get(cell);
    }

    private int providerIndex(long providerId) {
      if (providerId > Integer.MAX_VALUE) {
        throw reject(provider, "provider id " + providerId + " is out of range");
      }
      int id = (int) providerId;
      int slot = providerIndex.indexOf(id);
      if (providerIndex.indexExists(slot)) {
        return providerIndex.indexGet(slot);
      }
      int at = providerIndex.size();
      if (at >= 1 << PROVIDER_BITS) {
        throw reject(provider, "more than " + (1 << PROVIDER_BITS) + " providers in one file");
      }
      providerIndex.indexInsert(slot, id, at);
      if (at == providerIds.length) {
        providerIds = Arrays.copyOf(providerIds, at * 2);
      }
      providerIds[at] = id;
      return at;
    }

    private char businessResidential() {
      if (csv.length(businessResidential) == 1) {
        byte b = csv.byteAt(businessResidential, 0);
        if (b == 'R' || b == 'X' || b == 'B') {
          return (char) b;
        }
      }
      throw reject(
          businessResidential,
          "expected R (residential), B (business) or X (both), found \""
              + csv.string(businessResidential)
              + "\"");
    }

    private long integer(int column, String what) {
      try {
        return csv.digits(column);
      } catch (NumberFormatException e) {
        throw reject(column, "expected " + what + ", found \"" + csv.string(column) + "\"");
      }
    }

    private int technology() {
      long code;
      try {
        code = csv.digits(technology);
      } catch (NumberFormatException e) {
        code = -1;
      }
      if (code < 0 || code >= TECH_INDEX.length || TECH_INDEX[(int) code] < 0) {
        throw reject(
            technology,
            "unknown technology code \""
                + csv.string(technology)
                + "\": expected one of 0, 10, 40, 50, 60, 61, 70, 71, 72");
      }
      return (int) code;
    }

    private double speed(int column) {
      double v;
      try {
        v = csv.number(column);
      } catch (NumberFormatException e) {
        throw reject(
            column, "expected a speed in Mbps (0 or more), found \"" + csv.string(column) + "\"");
      }
      if (Double.isNaN(v)) {
        throw reject(column, "blank speed: expected a speed in Mbps (0 or more)");
      }
      if (v < 0) {
        throw reject(column, "negative speed " + csv.string(column) + ": expected 0 or more");
      }
      return v;
    }

    private int lowLatency() {
      if (csv.length(lowLatency) == 1) {
        byte b = csv.byteAt(lowLatency, 0);
        if (b == '0' || b == '1') {
          return b - '0';
        }
      }
      throw reject(lowLatency, "expected 0 or 1, found \"" + csv.string(lowLatency) + "\"");
    }

    /** The tract (first 11 digits) of a 15-digit block GEOID. */
    private long tract() {
      if (csv.length(block) == 15) {
        long tract = 0;
        boolean digits = true;
        for (int k = 0; k < 15; k++) {
          int d = csv.byteAt(block, k) - '0';
          if (d < 0 || d > 9) {
            digits = false;
            break;
          }
          if (k < 11) {
            tract = tract * 10 + d;
          }
        }
        if (digits) {
          return tract;
        }
      }
      throw reject(
          block, "expected a 15-digit census block GEOID, found \"" + csv.string(block) + "\"");
    }

    /** A valid H3 resolution-8 cell, located (and cached) on first sight. */
    private long cell() {
      long cell;
      try {
        cell = csv.hex(h3);
      } catch (NumberFormatException e) {
        cell = 0;
      }
      if (cellToNeighborhood.containsKey(cell)) {
        return cell;
      }
      if (cell == 0 || !H3Cells.isCell(cell, 8)) {
        throw reject(
            h3,
            "expected an H3 resolution-8 cell id (15 hex digits), found \""
                + csv.string(h3)
                + "\"");
      }
      double[] latLng = H3Cells.center(cell);
      PointGrid grid = region.grid();
      int at = grid.locate(latLng[1], latLng[0]);
      // the grid's index order is the sorted id order used here
      cellToNeighborhood.put(cell, at);
      return cell;
    }

    private static long fingerprint(double down, double up, int latency, char code) {
      long h = Double.doubleToLongBits(down) * 0x9E3779B97F4A7C15L;
      h ^= Double.doubleToLongBits(up) * 0xC2B2AE3D27D4EB4FL;
      h ^= (latency * 2L + (code == 'X' ? 1 : 0)) * 0x165667B19E3779F9L;
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 32;
      return h & ((1L << FINGERPRINT_BITS) - 1);
    }

    private InputRejectedException reject(int column, String reason) {
      return InputRejectedException.atLine(
          csv.source(), csv.line(), csv.header().get(column), reason);
    }

    private PartialAggregate summarize() {
      byte[] providers = new byte[locations];
      // distinct services, exact duplicates, conflicting duplicates, the last two in the region
      long[] counts = new long[5];
      List<long[]> conflicts = new ArrayList<>();
      long fingerprintMask = (1L << FINGERPRINT_BITS) - 1;
      long[] previous = {-1, -1, -1}; // service key, location-provider key, fingerprint
      services.forEachSorted(
          v -> {
            long service = v >>> FINGERPRINT_BITS;
            long fp = v & fingerprintMask;
            int at = (int) (service >>> (TECH_BITS + PROVIDER_BITS));
            boolean inside = neighborhood[at] >= 0;
            if (service == previous[0]) {
              if (fp == previous[2]) {
                counts[1]++;
              } else {
                counts[2]++;
                if (conflicts.size() < MAX_EXAMPLES) {
                  conflicts.add(new long[] {service});
                }
                previous[2] = fp;
              }
              if (inside) {
                counts[3]++;
              }
              return;
            }
            counts[0]++;
            if (inside) {
              counts[4]++;
            }
            previous[0] = service;
            previous[2] = fp;
            long locationProvider = service >>> TECH_BITS;
            if (locationProvider != previous[1]) {
              previous[1] = locationProvider;
              if (providers[at] < Byte.MAX_VALUE) {
                providers[at]++;
              }
            }
          });
      PartialAggregate partial = PartialAggregate.ofAvailability("bdc-fixed", ids.size(), COUNTERS);
      long outsideLocations = 0;
      for (int at = 0; at < locations; at++) {
        int n = neighborhood[at];
        if (n < 0) {
          outsideLocations++;
          continue;
        }
        partial
            .availability(n)
            .add(BeadClass.values()[best[at] & 3], (best[at] & 4) != 0, providers[at]);
      }
      partial.count(ROWS_READ, rowsRead);
      partial.count(BUSINESS_ROWS, businessRows);
      partial.count(ROWS_OUTSIDE, rowsOutside);
      partial.count(LOCATIONS_OUTSIDE, outsideLocations);
      partial.count(LOCATIONS_INSIDE, locations - outsideLocations);
      partial.count(EXACT_DUPLICATES, counts[1]);
      partial.count(CONFLICTS, counts[2]);
      partial.count(DUPLICATES_INSIDE, counts[3]);
      partial.count(SERVICES_INSIDE, counts[4]);
      describe(conflicts).forEach(partial::detail);
      return partial;
    }

    private List<String> describe(List<long[]> conflicts) {
      Map<Integer, Long> locationIds = new HashMap<>();
      for (long[] c : conflicts) {
        locationIds.put((int) (c[0] >>> (TECH_BITS + PROVIDER_BITS)), -1L);
      }
      for (LongIntCursor cursor : locationIndex) {
        if (locationIds.containsKey(cursor.value)) {
          locationIds.put(cursor.value, cursor.key);
        }
      }
      List<String> parts = new ArrayList<>();
      for (long[] c : conflicts) {
        long service = c[0];
        int at = (int) (service >>> (TECH_BITS + PROVIDER_BITS));
        int providerAt = (int) ((service >>> TECH_BITS) & ((1 << PROVIDER_BITS) - 1));
        int tech = TECHNOLOGIES[(int) (service & ((1 << TECH_BITS) - 1))];
        parts.add(
            "location "
                + locationIds.get(at)
                + " provider "
                + providerIds[providerAt]
                + " technology "
                + tech);
      }
      return parts;
    }
  }
}
