package org.gapmap.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;

/**
 * The query parameters of an items request, parsed and validated. Unknown parameters, repeated
 * parameters and unusable values are refused with a 400 {@link ApiException} naming the parameter.
 * Immutable.
 *
 * @param limit page size, 1 to {@value #MAX_LIMIT} (larger requests are clamped)
 * @param offset number of matching features to skip
 * @param sortBy sort keys, first most significant; empty for id order
 * @param bbox envelopes a feature must intersect (one of them); empty for no spatial filter. A box
 *     crossing the antimeridian is two envelopes.
 * @param skipGeometry whether features are written with a null geometry
 * @param properties names of the properties to include, or {@code null} for all
 * @param filter property filters a feature must pass
 * @param f the {@code f} parameter as given, or {@code null}
 * @param run the {@code run} parameter as given, or {@code null} for the current run
 * @param crs the CRS of the geometries written
 */
record ItemsQuery(
    int limit,
    int offset,
    List<SortKey> sortBy,
    List<Envelope> bbox,
    boolean skipGeometry,
    List<String> properties,
    PropertyFilter filter,
    String f,
    String run,
    ContentCrs crs) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][+-]?\\d{1,3})?");

  /**
   * A {@code datetime} value: an RFC 3339 date or date-time (a bare trailing {@code T}, as GDAL
   * sends, allowed), or an interval of two such, either end open ({@code ..} or empty).
   */
  private static final Pattern INSTANT =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}(T(\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?",
          Pattern.CASE_INSENSITIVE);

  /**
   * Every parameter an items request accepts besides the property filters. {@code datetime} is
   * validated and otherwise ignored: a run is a snapshot, its features have no time of their own.
   */
  static final Set<String> PARAMETERS =
      Set.of(
          "limit",
          "offset",
          "sortby",
          "bbox",
          "skipGeometry",
          "properties",
          "f",
          "datetime",
          "run",
          "crs",
          "bbox-crs");

  ItemsQuery {
    sortBy = List.copyOf(sortBy);
    bbox = List.copyOf(bbox);
    properties = properties == null ? null : List.copyOf(properties);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(crs, "crs");
  }

  /** Whether this request asks for every feature, in id order, with geometry and all properties. */
  boolean isWholeCollection(int size) {
    return offset == 0
        && limit >= size
        && sortBy.isEmpty()
        && bbox.isEmpty()
        && filter.isEmpty()
        && !skipGeometry
        && properties == null
        && crs == ContentCrs.CRS84;
  }

  /** Whether features are written exactly as encoded in the cache (geometry and all properties). */
  boolean isFullFeature() {
    return !skipGeometry && properties == null && crs == ContentCrs.CRS84;
  }

  /** Parses decoded query parameters, each name with all its values. */
  static ItemsQuery parse(Map<String, List<String>> parameters) {
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      if (!PARAMETERS.contains(p.getKey()) && !PropertyFilter.PARAMETERS.contains(p.getKey())) {
        throw ApiException.unknownParameter(p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw ApiException.invalidParameter("parameter '" + p.getKey() + "' given more than once");
      }
    }
    datetime(single(parameters, "datetime"));
    return new ItemsQuery(
        limit(single(parameters, "limit")),
        offset(single(parameters, "offset")),
        sortBy(single(parameters, "sortby")),
        bbox(single(parameters, "bbox"), crs("bbox-crs", single(parameters, "bbox-crs"))),
        skipGeometry(single(parameters, "skipGeometry")),
        properties(single(parameters, "properties")),
        PropertyFilter.parse(name -> single(parameters, name)),
        single(parameters, "f"),
        single(parameters, "run"),
        crs("crs", single(parameters, "crs")));
  }

  /** The CRS named by parameter {@code name}, CRS84 when absent. */
  static ContentCrs crs(String name, String value) {
    if (value == null) {
      return ContentCrs.CRS84;
    }
    return ContentCrs.of(value)
        .orElseThrow(
            () ->
                ApiException.invalidParameter(
                    name
                        + " must be one of "
                        + java.util.Arrays.stream(ContentCrs.values()).map(ContentCrs::uri).toList()
                        + ", got '"
                        + value
                        + "'"));
  }

  private static void datetime(String value) {
    if (value == null) {
      return;
    }
    String[] ends = value.trim().split("/", -1);
    boolean valid = ends.length <= 2;
    for (String end : ends) {
      boolean open = ends.length == 2 && (end.isEmpty() || end.equals(".."));
      valid &= open || INSTANT.matcher(end).matches();
    }
    if (!valid) {
      throw ApiException.invalidParameter(
          "datetime must be an RFC 3339 date, date-time or interval, got '" + value + "'");
    }
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    BigInteger limit = integer("limit", value);
    if (limit.signum() <= 0) {
      throw ApiException.invalidParameter("limit must be at least 1, got " + value);
    }
    return limit.min(BigInteger.valueOf(MAX_LIMIT)).intValue();
  }

  private static int offset(String value) {
    if (value == null) {
      return 0;
    }
    BigInteger offset = integer("offset", value);
    if (offset.signum() < 0) {
      throw ApiException.invalidParameter("offset must not be negative, got " + value);
    }
    return offset.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
  }

  private static BigInteger integer(String name, String value) {
    String trimmed = value.trim();
    if (!trimmed.matches("[+-]?\\d{1,100}")) {
      throw ApiException.invalidParameter(name + " must be an integer, got '" + value + "'");
    }
    return new BigInteger(trimmed);
  }

  private static List<SortKey> sortBy(String value) {
    if (value == null) {
      return List.of();
    }
    List<SortKey> keys = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      // A '+' prefix arrives as a space when the client did not percent-encode it.
      String key = item.trim();
      boolean descending = key.startsWith("-");
      if (descending || key.startsWith("+")) {
        key = key.substring(1);
      }
      String property = key;
      SortKey.Field field =
          SortKey.Field.of(property)
              .orElseThrow(
                  () ->
                      ApiException.invalidParameter(
                          "cannot sort by '"
                              + property
                              + "'; sortby takes gap_score, rank, name or id, optionally prefixed"
                              + " with - for descending order"));
      keys.add(new SortKey(field, descending));
    }
    return keys;
  }

  private static List<Envelope> bbox(String value, ContentCrs bboxCrs) {
    if (value == null) {
      return List.of();
    }
    String[] parts = value.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      throw ApiException.invalidParameter(
          "bbox must be 4 or 6 comma-separated numbers, got '" + value + "'");
    }
    double[] n = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      n[i] = number(parts[i], value);
    }
    int d = parts.length / 2;
    double[] corners = bboxCrs.cornersToCrs84(n[0], n[1], n[d], n[d + 1]);
    double minLon = corners[0];
    double minLat = corners[1];
    double maxLon = corners[2];
    double maxLat = corners[3];
    if (minLat > maxLat || minLat < -90 || maxLat > 90) {
      throw ApiException.invalidParameter(
          "bbox latitudes must lie in [-90, 90] with the lower one first, got '" + value + "'");
    }
    if (d == 3 && n[2] > n[5]) {
      throw ApiException.invalidParameter(
          "bbox lower height exceeds upper height: '" + value + "'");
    }
    if (minLon <= maxLon) {
      return List.of(new Envelope(minLon, maxLon, minLat, maxLat));
    }
    // West edge east of the east edge: the box crosses the antimeridian.
    return List.of(
        new Envelope(minLon, 180, minLat, maxLat), new Envelope(-180, maxLon, minLat, maxLat));
  }

  private static double number(String text, String bbox) {
    String trimmed = text.trim();
    if (!NUMBER.matcher(trimmed).matches()) {
      throw ApiException.invalidParameter("bbox has a value that is not a number: '" + bbox + "'");
    }
    double v = Double.parseDouble(trimmed);
    if (!Double.isFinite(v)) {
      throw ApiException.invalidParameter("bbox values must be finite: '" + bbox + "'");
    }
    return v;
  }

  private static boolean skipGeometry(String value) {
    return Boolean.TRUE.equals(bool("skipGeometry", value));
  }

  /**
   * The boolean parameter {@code name}: {@code true} or {@code false} in any case, {@code null}
   * when absent.
   */
  static Boolean bool(String name, String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.invalidParameter(name + " must be true or false, got '" + value + "'");
    };
  }

  private static List<String> properties(String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      return Collections.emptyList();
    }
    List<String> names = new ArrayList<>();
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }
}
