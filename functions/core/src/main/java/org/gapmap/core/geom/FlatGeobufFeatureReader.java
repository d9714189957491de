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
  /** Deepest nesting of geometry parts accepted; a MultiPolygon needs 1. */
  static final int MAX_PART_DEPTH = 32;

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
      throw reader.reject(
          null,
          "not a readable FlatGeobuf file" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private long readAll(DataInputStream in, Consumer<GeoJsonFeature> sink) throws IOException {
    byte[] magic = new byte[Constants.MAGIC_BYTES.length];
    in.readFully(magic);
    int headerSize = Integer.reverseBytes(in.readInt());
    if (headerSize <= 0 || headerSize > (1 << 26)) {
      throw reject(null, "invalid FlatGeobuf header size " + headerSize);
    }
    // read, not allocated up front: a few bytes claiming a huge header cost no more than they hold
    byte[] headerBytes = in.readNBytes(headerSize);
    if (headerBytes.length < headerSize) {
      throw new EOFException();
    }
    ByteBuffer bb =
        ByteBuffer.allocate(magic.length + 4 + headerSize).order(ByteOrder.LITTLE_ENDIAN);
    bb.put(magic).putInt(headerSize).put(headerBytes).flip();
    HeaderMeta header;
    CrsCode crs;
    try {
      header = HeaderMeta.read(bb);
      Header rawHeader =
          Header.getRootAsHeader(ByteBuffer.wrap(headerBytes).order(ByteOrder.LITTLE_ENDIAN));
      crs = CrsCode.of(rawHeader.crs());
    } catch (RuntimeException e) {
      // the flatbuffers decoder fails in many ways on bytes that are not a header
      throw reject(
          null,
          "corrupt FlatGeobuf header: its "
              + headerSize
              + " bytes do not decode (offsets or lengths point outside it)");
    }
    Optional<Reprojection> reprojection = reprojection(crs);
    String crsName = reprojection.map(Reprojection::sourceName).orElse("WGS84");
    if (header.indexNodeSize > 0 && header.featuresCount > 0) {
      in.skipNBytes(indexSize(header));
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
      byte[] featureBytes = in.readNBytes(size);
      if (featureBytes.length < size) {
        throw reject(where, "the file is truncated inside this feature");
      }
      Map<String, Object> properties;
      Geometry geometry;
      try {
        Feature feature =
            Feature.getRootAsFeature(ByteBuffer.wrap(featureBytes).order(ByteOrder.LITTLE_ENDIAN));
        properties = properties(where, feature, header.columns);
        geometry = geometry(where, feature, size, header.geometryType, reprojection);
      } catch (InputRejectedException e) {
        throw e;
      } catch (RuntimeException e) {
        // the flatbuffers decoder fails in many ways on bytes that are not a feature
        throw reject(
            where,
            "corrupt feature: its "
                + size
                + " bytes do not decode (offsets or lengths point outside it)");
      }
      if (geometry != null) {
        FeatureFileReader.checkLonLat(source, where, geometry, crsName);
      }
      sink.accept(new GeoJsonFeature(count, null, properties, geometry));
    }
    return count;
  }

  private Geometry geometry(
      String where,
      Feature feature,
      int size,
      int headerType,
      Optional<Reprojection> reprojection) {
    if (feature.geometry() == null) {
      return null;
    }
    int type = headerType != 0 ? headerType : feature.geometry().type();
    checkVectors(where, feature.geometry(), size, new long[] {size}, 0);
    Geometry geometry;
    try {
      geometry = GeometryConversions.deserialize(feature.geometry(), type);
    } catch (IllegalArgumentException e) {
      // JTS refuses the coordinates: "Points of LinearRing do not form a closed linestring"
      throw reject(where, "invalid geometry: " + e.getMessage());
    }
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

  /**
   * Rejects a geometry whose vectors claim more bytes than its feature has, or whose ring ends
   * point past its coordinates. The decoder allocates what the lengths and ends say before it reads
   * a coordinate, so without this four bytes could ask for gigabytes; and a part may point back at
   * its parent. {@code budget[0]} is the feature's bytes not yet claimed by the vectors seen so
   * far, parts included (a part that two geometries share counts twice, as the decoder builds it
   * twice).
   */
  private void checkVectors(
      String where,
      org.wololo.flatgeobuf.generated.Geometry g,
      int size,
      long[] budget,
      int depth) {
    if (depth > MAX_PART_DEPTH) {
      throw reject(where, "geometry parts nested deeper than " + MAX_PART_DEPTH + " levels");
    }
    long claimed =
        8L * g.xyLength()
            + 8L * g.zLength()
            + 8L * g.mLength()
            + 8L * g.tLength()
            + 8L * g.tmLength()
            + 4L * g.endsLength()
            + 4L * g.partsLength();
    budget[0] -= claimed;
    if (g.xyLength() < 0
        || g.zLength() < 0
        || g.mLength() < 0
        || g.tLength() < 0
        || g.tmLength() < 0
        || g.endsLength() < 0
        || g.partsLength() < 0
        || budget[0] < 0) {
      throw reject(
          where,
          "corrupt feature: its geometry claims more coordinates than its " + size + " bytes hold");
    }
    // ring ends index the coordinates: past their count the decoder would pad a copy with nulls
    long previous = 0;
    for (int i = 0; i < g.endsLength(); i++) {
      long end = g.ends(i);
      if (end < previous || end > g.xyLength() / 2) {
        throw reject(
            where,
            "corrupt feature: ring end "
                + end
                + " lies outside its geometry's "
                + g.xyLength() / 2
                + " coordinates or before the previous end");
      }
      previous = end;
    }
    for (int i = 0; i < g.partsLength(); i++) {
      org.wololo.flatgeobuf.generated.Geometry part = g.parts(i);
      if (part != null) {
        checkVectors(where, part, size, budget, depth + 1);
      }
    }
  }

  /** Bytes of the spatial index that precedes the features. */
  private long indexSize(HeaderMeta header) {
    if (header.featuresCount > Integer.MAX_VALUE) {
      throw reject(null, "invalid FlatGeobuf header: " + header.featuresCount + " features");
    }
    try {
      return PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize);
    } catch (RuntimeException e) {
      // "Node size must be at least 2", "Number of items must be less than 2^56"
      throw reject(
          null,
          "invalid FlatGeobuf spatial index: "
              + header.featuresCount
              + " features with node size "
              + header.indexNodeSize);
    }
  }

  /** The header's CRS, decoded while the header's own errors are caught. */
  private record CrsCode(String org, int code, String wkt, String codeString) {
    static CrsCode of(Crs crs) {
      return crs == null ? null : new CrsCode(crs.org(), crs.code(), crs.wkt(), crs.codeString());
    }
  }

  private Optional<Reprojection> reprojection(CrsCode crs) {
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
      case ColumnType.String, ColumnType.Json, ColumnType.DateTime ->
          new String(bytes(p), StandardCharsets.UTF_8);
      default -> "(" + bytes(p).length + " bytes)";
    };
  }

  /** A length-prefixed value; a length beyond the properties left is cut short. */
  private static byte[] bytes(ByteBuffer p) {
    int length = p.getInt();
    if (length < 0 || length > p.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    byte[] b = new byte[length];
    p.get(b);
    return b;
  }

  private InputRejectedException reject(String where, String reason) {
    return new InputRejectedException(source, where, null, reason);
  }
}
