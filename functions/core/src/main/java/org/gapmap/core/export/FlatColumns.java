package org.gapmap.core.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gapmap.core.publish.DataSource;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.locationtech.jts.geom.Point;

/**
 * The columns of the tabular formats (CSV, FlatGeobuf): one value per column, each contribution as
 * a {@code contribution_<indicator>} column, missing indicators joined with {@code ;}, the sources
 * described in one text cell, and optionally the centroid's latitude and longitude. Stateless and
 * thread-safe.
 */
public final class FlatColumns {
  /** Prefix of the columns that hold an indicator's contribution to the gap score. */
  public static final String CONTRIBUTION_PREFIX = "contribution_";

  /** What a column holds. */
  public enum Type {
    TEXT,
    BOOLEAN,
    INTEGER,
    REAL,
    TIMESTAMP
  }

  /**
   * One column.
   *
   * @param name column name, a property name of the GeoJSON features where there is one
   * @param type what its values are
   */
  public record Column(String name, Type type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  private FlatColumns() {}

  /**
   * The columns for {@code features} of {@code run}: identity, rank and score first, then the
   * indicators, the contributions and where the score came from.
   *
   * @param centroid whether to include {@code centroid_lat} and {@code centroid_lon}
   */
  public static List<Column> of(
      PublishedRun run, Collection<ScoredFeature> features, boolean centroid) {
    Set<String> contributions = new LinkedHashSet<>();
    for (ScoredFeature f : features) {
      contributions.addAll(f.score().contributions().keySet());
    }
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", Type.TEXT));
    columns.add(new Column("name", Type.TEXT));
    columns.add(new Column("borough", Type.TEXT));
    columns.add(new Column("ranked", Type.BOOLEAN));
    columns.add(new Column("rank", Type.INTEGER));
    columns.add(new Column("gap_score", Type.REAL));
    run.indicatorNames().forEach(name -> columns.add(new Column(name, Type.REAL)));
    contributions.forEach(c -> columns.add(new Column(CONTRIBUTION_PREFIX + c, Type.REAL)));
    columns.add(new Column("missing_indicators", Type.TEXT));
    columns.add(new Column("unranked_reason", Type.TEXT));
    columns.add(new Column("sources", Type.TEXT));
    if (centroid) {
      columns.add(new Column("centroid_lat", Type.REAL));
      columns.add(new Column("centroid_lon", Type.REAL));
    }
    columns.add(new Column("area_km2", Type.REAL));
    columns.add(new Column("profile", Type.TEXT));
    columns.add(new Column("run_id", Type.TEXT));
    columns.add(new Column("computed_at", Type.TIMESTAMP));
    return columns;
  }

  /**
   * The values of {@code feature} in {@code columns} order: {@link String}, {@link Boolean}, {@link
   * Integer}, {@link Double} or {@code null} where the feature has no value.
   *
   * @param properties the feature's {@link FeatureProperties}
   */
  public static List<Object> values(
      List<Column> columns, ScoredFeature feature, Map<String, Object> properties) {
    @SuppressWarnings("unchecked")
    Map<String, Double> contributions = (Map<String, Double>) properties.get("contributions");
    Point centroid = null;
    List<Object> values = new ArrayList<>(columns.size());
    for (Column column : columns) {
      String name = column.name();
      Object v;
      if (name.startsWith(CONTRIBUTION_PREFIX)) {
        v = contributions.get(name.substring(CONTRIBUTION_PREFIX.length()));
      } else if (name.equals("missing_indicators")) {
        v = String.join(";", feature.score().missingIndicators());
      } else if (name.equals("sources")) {
        v = String.join("; ", feature.sources().stream().map(DataSource::describe).toList());
      } else if (name.equals("centroid_lat") || name.equals("centroid_lon")) {
        if (centroid == null) {
          centroid = feature.neighborhood().geometry().getCentroid();
        }
        v =
            GeoJsonWriter.roundCoordinate(
                name.equals("centroid_lat") ? centroid.getY() : centroid.getX());
      } else {
        v = properties.get(name);
      }
      values.add(v);
    }
    return values;
  }
}
