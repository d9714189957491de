package org.gapmap.core.geom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageException;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads the features of a GeoPackage's single feature table with the NGA GeoPackage library;
 * geometries are taken as WKB into JTS. The table's spatial reference system (from {@code
 * gpkg_spatial_ref_sys}) is honoured: an EPSG code other than 4326 is reprojected to WGS84, the
 * "undefined" systems (srs_id 0 and -1) are read as longitude/latitude and range-checked, other
 * organizations are rejected. A GeoPackage is a SQLite database, so a compressed or remote input is
 * first copied to a temporary file (deleted afterwards). Not thread-safe: one reader per file.
 */
final class GeoPackageFeatureReader {
  private final String source;
  private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);

  private GeoPackageFeatureReader(String source) {
    this.source = source;
  }

  static long read(InputSource input, Consumer<GeoJsonFeature> sink) {
    GeoPackageFeatureReader reader = new GeoPackageFeatureReader(input.name());
    Path copy = null;
    try {
      copy = Files.createTempFile("gapmap-", ".gpkg");
      try (InputStream in = input.openDecoded()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return reader.readFile(copy, sink);
    } catch (IOException e) {
      throw reader.reject(null, "cannot read: " + e);
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          // a leftover temporary file is harmless; the read itself succeeded or failed on its own
          copy.toFile().deleteOnExit();
        }
      }
    }
  }

  private long readFile(Path file, Consumer<GeoJsonFeature> sink) {
    GeoPackage gpkg;
    try {
      gpkg = GeoPackageManager.open(file.toFile(), false);
    } catch (GeoPackageException e) {
      throw reject(null, "not a readable GeoPackage: " + e.getMessage());
    }
    try (gpkg) {
      List<String> tables = gpkg.getFeatureTables();
      if (tables.isEmpty()) {
        throw reject(null, "the GeoPackage has no feature table");
      }
      if (tables.size() > 1) {
        throw reject(
            null,
            "the GeoPackage has "
                + tables.size()
                + " feature tables ("
                + String.join(", ", tables)
                + "): expected one; extract it, e.g. ogr2ogr out.gpkg in.gpkg TABLE");
      }
      FeatureDao dao = gpkg.getFeatureDao(tables.get(0));
      Optional<Reprojection> reprojection = reprojection(dao.getSrs());
      String crsName = reprojection.map(Reprojection::sourceName).orElse("WGS84");
      long count = 0;
      FeatureResultSet rows = dao.query();
      try {
        while (rows.moveToNext()) {
          count++;
          FeatureRow row = rows.getRow();
          String where = "feature " + count + " (table " + tables.get(0) + ")";
          Map<String, Object> properties = new LinkedHashMap<>();
          String[] names = row.getColumnNames();
          int geometryColumn = row.getGeometryColumnIndex();
          for (int i = 0; i < names.length; i++) {
            if (i != geometryColumn) {
              properties.put(names[i], scalar(row.getValue(i)));
            }
          }
          Geometry geometry = geometry(where, row.getGeometry());
          if (geometry != null) {
            if (reprojection.isPresent()) {
              try {
                geometry = reprojection.get().toWgs84(geometry);
              } catch (IllegalArgumentException e) {
                throw reject(where, e.getMessage());
              }
            }
            geometry.setSRID(4326);
            FeatureFileReader.checkLonLat(source, where, geometry, crsName);
          }
          sink.accept(new GeoJsonFeature(count, null, properties, geometry));
        }
      } finally {
        rows.close();
      }
      return count;
    } catch (GeoPackageException e) {
      throw reject(null, "cannot read the GeoPackage: " + e.getMessage());
    }
  }

  private Geometry geometry(String where, GeoPackageGeometryData data) {
    if (data == null || data.isEmpty()) {
      return null;
    }
    try {
      byte[] wkb = data.getWkb();
      return wkb == null ? null : new WKBReader(factory).read(wkb);
    } catch (IOException | ParseException e) {
      throw reject(where, "unreadable geometry: " + e.getMessage());
    }
  }

  private Optional<Reprojection> reprojection(SpatialReferenceSystem srs) {
    if (srs == null || srs.getSrsId() == 0 || srs.getSrsId() == -1) {
      return Optional.empty();
    }
    String org = srs.getOrganization() == null ? "" : srs.getOrganization();
    if ("EPSG".equalsIgnoreCase(org)) {
      try {
        return Reprojection.forEpsg((int) srs.getOrganizationCoordsysId());
      } catch (IllegalArgumentException e) {
        throw reject(null, "cannot read the table's spatial reference system: " + e.getMessage());
      }
    }
    throw reject(
        null,
        "cannot read the table's spatial reference system "
            + org
            + ":"
            + srs.getOrganizationCoordsysId()
            + ": expected an EPSG code; convert the file, e.g. ogr2ogr -t_srs EPSG:4326");
  }

  private static Object scalar(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return v.toString();
  }

  private InputRejectedException reject(String where, String reason) {
    return new InputRejectedException(source, where, null, reason);
  }
}
