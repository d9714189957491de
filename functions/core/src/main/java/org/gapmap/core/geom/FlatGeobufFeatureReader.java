package org.gapmap.core.geom;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.Header;

/**
 * Streams the features of a FlatGeobuf file one at a time (the {@code org.wololo:flatgeobuf}
 * flatbuffers schema and its JTS geometry conversion): header, optional spatial index (skipped),
 * then size-prefixed features whose properties are decoded by their column types. The header CRS is
 * honoured: an EPSG code other than 4326 is reprojected to WGS84; a CRS given only as WKT is
 * rejected. Not thread-safe: one reader per file.
 */
final class FlatGeobufFeatureReader {
  private final String source;

  private FlatGeobufFeatureReader(String source) {
    this.source = source;
  }

  static long read(InputSource input, Consumer<GeoJsonFeature> sink) {
    FlatGeobufFeatureReader reader = new FlatGeobufFeatureReader(input.name());
    try (InputStream raw = input.openDecoded();
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      return reader.readAll(in, sink);
    } catch (EOFException e) {
      throw reader.reject(null, "the file is truncated: it ends inside the header or a feature");
    } catch (IOException e) {
      throw reader.reject(null, "not a readable FlatGeobuf file: " + e);
    }
  }

  private long readAll(DataInputStream in, Consumer<GeoJsonFeature> sink) throws IOException {
    byte[] magic = new byte[Constants.MAGIC_BYTES.length];
    in.readFully(magic);
    int headerSize = Integer.reverseBytes(in.readInt());
    if (headerSize <= 0 || headerSize > (1 << 26)) {
      throw reject(null, "invalid FlatGeobuf header size " + headerSize);
    }
    byte[] headerBytes = new byte[headerSize];
    in.readFully(headerBytes);
    ByteBuffer bb =
        ByteBuffer.allocate(magic.length + 4 + headerSize).order(ByteOrder.LITTLE_ENDIAN);
    bb.put(magic).putInt(headerSize).put(headerBytes).flip();
    HeaderMeta header;
    Header rawHeader;
    try {
      header = HeaderMeta.read(bb);
      rawHeader =
          Header.getRootAsHeader(ByteBuffer.wrap(headerBytes).order(ByteOrder.LITTLE_ENDIAN));
    } catch (RuntimeException e) {
      throw reject(null, "corrupt FlatGeobuf header: " + e);
    }
    Optional<Reprojection> reprojection = reprojection(rawHeader.crs());
    String crsName = reprojection.map(Reprojection::sourceName).orElse("WGS84");
    if (header.indexNodeSize > 0 && header.featuresCount > 0) {
      in.skipNBytes(PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize));
    }
    long count = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        break;
      }
      byte[] sizeBytes = {(byte) first, 0, 0, 0};
      in.readFully(sizeBytes, 1, 3);
      int size = ByteBuffer.wrap(sizeBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
      count++;
      String where = "feature " + count;
      if (size <= 0 || size > (1 << 28)) {
        throw reject(where, "invalid feature size " + size);
      }
      byte[] featureBytes = new byte[size];
      try {
        in.readFully(featureBytes);
      } catch (EOFException e) {
        throw reject(where, "the file is truncated inside this feature");
      }
      Map<String, Object> properties;
      Geometry geometry;
      try {
        Feature feature =
            Feature.getRootAsFeature(ByteBuffer.wrap(featureBytes).order(ByteOrder.LITTLE_ENDIAN));
        properties = properties(where, feature, header.columns);
        geometry = geometry(where, feature, header.geometryType, reprojection);
      } catch (IndexOutOfBoundsException
          | IllegalStateException
          | java.nio.BufferUnderflowException e) {
        throw reject(where, "corrupt feature: " + e);
      }
      if (geometry != null) {
        FeatureFileReader.checkLonLat(source, where, geometry, crsName);
      }
      sink.accept(new GeoJsonFeature(count, null, properties, geometry));
    }
    return count;
  }

  private Geometry geometry(
      String where, Feature feature, int headerType, Optional<Reprojection> reprojection) {
    if (feature.geometry() == null) {
      return null;
    }
    int type = headerType != 0 ? headerType : feature.geometry().type();
    Geometry geometry = GeometryConversions.deserialize(feature.geometry(), type);
    if (geometry == null) {
      return null;
    }
    if (reprojection.isPresent()) {
      try {
        geometry = reprojection.get().toWgs84(geometry);
      } catch (IllegalArgumentException e) {
        throw reject(where, e.getMessage());
      }
    }
    geometry.setSRID(4326);
    return geometry;
  }

  private Optional<Reprojection> reprojection(Crs crs) {
    if (crs == null) {
      return Optional.empty();
    }
    String org = crs.org() == null ? "EPSG" : crs.org();
    if (crs.code() != 0 && "EPSG".equalsIgnoreCase(org)) {
      try {
        return Reprojection.forEpsg(crs.code());
      } catch (IllegalArgumentException e) {
        throw reject(null, "cannot read the header CRS: " + e.getMessage());
      }
    }
    if (crs.code() == 0 && crs.wkt() == null && crs.codeString() == null) {
      return Optional.empty();
    }
    String described =
        crs.codeString() != null
            ? org + ":" + crs.codeString()
            : crs.code() != 0 ? org + ":" + crs.code() : "given only as WKT";
    throw reject(
        null,
        "cannot read the header CRS ("
            + described
            + "): expected an EPSG code; convert the file, e.g. ogr2ogr -t_srs EPSG:4326");
  }

  private Map<String, Object> properties(
      String where, Feature feature, List<org.wololo.flatgeobuf.ColumnMeta> headerColumns) {
    List<String> names = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    if (feature.columnsLength() > 0) {
      for (int i = 0; i < feature.columnsLength(); i++) {
        Column c = feature.columns(i);
        names.add(c.name());
        types.add(c.type());
      }
    } else {
      for (org.wololo.flatgeobuf.ColumnMeta c : headerColumns) {
        names.add(c.name);
        types.add((int) c.type);
      }
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    ByteBuffer p = feature.propertiesAsByteBuffer();
    if (p == null) {
      return properties;
    }
    p = p.slice().order(ByteOrder.LITTLE_ENDIAN);
    try {
      while (p.remaining() > 0) {
        int column = Short.toUnsignedInt(p.getShort());
        if (column >= names.size()) {
          throw reject(where, "property refers to column " + column + " that the header lacks");
        }
        properties.put(names.get(column), value(p, types.get(column)));
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw reject(where, "properties are cut short (corrupt feature)");
    }
    return properties;
  }

  private static Object value(ByteBuffer p, int type) {
    return switch (type) {
      case ColumnType.Byte -> (long) p.get();
      case ColumnType.UByte -> (long) Byte.toUnsignedInt(p.get());
      case ColumnType.Bool -> p.get() != 0;
      case ColumnType.Short -> (long) p.getShort();
      case ColumnType.UShort -> (long) Short.toUnsignedInt(p.getShort());
      case ColumnType.Int -> (long) p.getInt();
      case ColumnType.UInt -> Integer.toUnsignedLong(p.getInt());
      case ColumnType.Long, ColumnType.ULong -> p.getLong();
      case ColumnType.Float -> (double) p.getFloat();
      case ColumnType.Double -> p.getDouble();
      case ColumnType.String, ColumnType.Json, ColumnType.DateTime -> {
        byte[] b = new byte[p.getInt()];
        p.get(b);
        yield new String(b, StandardCharsets.UTF_8);
      }
      default -> {
        byte[] b = new byte[p.getInt()];
        p.get(b);
        yield "(" + b.length + " bytes)";
      }
    };
  }

  private InputRejectedException reject(String where, String reason) {
    return new InputRejectedException(source, where, null, reason);
  }
}
