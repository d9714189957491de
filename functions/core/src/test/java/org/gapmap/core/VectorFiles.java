package org.gapmap.core;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.wkb.GeometryReader;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;

/**
 * Writes small FlatGeobuf and GeoPackage files for tests, with the same libraries gapmap reads them
 * with. Properties are strings, longs or doubles.
 */
public final class VectorFiles {
  /** A feature to write: properties in column order and a geometry (any CRS). */
  public record Row(Map<String, Object> properties, Geometry geometry) {}

  private VectorFiles() {}

  /** A row from alternating property names and values, then the geometry. */
  public static Row row(Geometry geometry, Object... nameValues) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      props.put((String) nameValues[i], nameValues[i + 1]);
    }
    return new Row(props, geometry);
  }

  /** A FlatGeobuf file (no spatial index) with the header CRS {@code EPSG:srid} (0: none). */
  public static byte[] flatGeobuf(List<Row> rows, int srid) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(Constants.MAGIC_BYTES);
      HeaderMeta header = new HeaderMeta();
      header.geometryType = GeometryConversions.toGeometryType(rows.get(0).geometry().getClass());
      header.srid = srid;
      header.featuresCount = rows.size();
      header.indexNodeSize = 0;
      header.columns = new ArrayList<>();
      List<String> names = new ArrayList<>(rows.get(0).properties().keySet());
      for (String name : names) {
        ColumnMeta c = new ColumnMeta();
        c.name = name;
        Object v = rows.get(0).properties().get(name);
        c.type =
            (byte)
                (v instanceof String
                    ? ColumnType.String
                    : v instanceof Double ? ColumnType.Double : ColumnType.Long);
        c.nullable = true;
        header.columns.add(c);
      }
      HeaderMeta.write(header, out, new FlatBufferBuilder());
      for (Row r : rows) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int geometry = GeometryConversions.serialize(b, r.geometry(), header.geometryType);
        int properties = Feature.createPropertiesVector(b, properties(names, r.properties()));
        Feature.startFeature(b);
        Feature.addGeometry(b, geometry);
        Feature.addProperties(b, properties);
        Feature.finishSizePrefixedFeatureBuffer(b, Feature.endFeature(b));
        ByteBuffer data = b.dataBuffer();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        out.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] properties(List<String> names, Map<String, Object> values) {
    ByteBuffer p = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < names.size(); i++) {
      Object v = values.get(names.get(i));
      if (v == null) {
        continue;
      }
      p.putShort((short) i);
      if (v instanceof String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.putInt(b.length).put(b);
      } else if (v instanceof Double d) {
        p.putDouble(d);
      } else {
        p.putLong(((Number) v).longValue());
      }
    }
    byte[] out = new byte[p.position()];
    p.flip().get(out);
    return out;
  }

  /** A GeoPackage with one feature table {@code table} in {@code EPSG:epsg}. */
  public static byte[] geoPackage(String table, List<Row> rows, int epsg) {
    try {
      Path dir = Files.createTempDirectory("gapmap-test-gpkg");
      Path file = dir.resolve("t.gpkg");
      try {
        GeoPackageManager.create(file.toFile());
        try (GeoPackage gpkg = GeoPackageManager.open(file.toFile())) {
          SpatialReferenceSystem srs;
          if (epsg == 4326) {
            srs = gpkg.getSpatialReferenceSystemDao().getOrCreateFromEpsg(epsg);
          } else {
            // the library only creates a few systems itself; others are plain table rows
            srs = new SpatialReferenceSystem();
            srs.setSrsName("EPSG:" + epsg);
            srs.setSrsId(epsg);
            srs.setOrganization("EPSG");
            srs.setOrganizationCoordsysId(epsg);
            srs.setDefinition("undefined");
            gpkg.getSpatialReferenceSystemDao().create(srs);
          }
          GeometryColumns gc = new GeometryColumns();
          gc.setId(new TableColumnKey(table, "geom"));
          gc.setGeometryType(GeometryType.GEOMETRY);
          gc.setZ((byte) 0);
          gc.setM((byte) 0);
          gc.setSrs(srs);
          List<FeatureColumn> columns = new ArrayList<>();
          for (Map.Entry<String, Object> e : rows.get(0).properties().entrySet()) {
            columns.add(
                FeatureColumn.createColumn(
                    e.getKey(),
                    e.getValue() instanceof String
                        ? GeoPackageDataType.TEXT
                        : e.getValue() instanceof Double
                            ? GeoPackageDataType.DOUBLE
                            : GeoPackageDataType.INTEGER));
          }
          gpkg.createFeatureTable(FeatureTableMetadata.create(gc, columns));
          FeatureDao dao = gpkg.getFeatureDao(table);
          for (Row r : rows) {
            FeatureRow fr = dao.newRow();
            r.properties().forEach(fr::setValue);
            fr.setGeometry(
                GeoPackageGeometryData.create(
                    srs.getSrsId(),
                    GeometryReader.readGeometry(new WKBWriter().write(r.geometry()))));
            dao.create(fr);
          }
        }
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException | java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
