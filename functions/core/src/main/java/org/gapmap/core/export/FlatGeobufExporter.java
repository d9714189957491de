package org.gapmap.core.export;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Writes a published run as a FlatGeobuf file for desktop GIS: one MultiPolygon layer named after
 * the region in EPSG:4326 (longitude, latitude), the {@link FlatColumns} as attributes, features in
 * the order given. The file has no spatial index (readers scan it; a region has thousands of
 * features, not millions). Stateless and thread-safe.
 */
public final class FlatGeobufExporter {
  /** The media type of FlatGeobuf files. */
  public static final String MEDIA_TYPE = "application/flatgeobuf";

  private static final int WGS84 = 4326;

  private FlatGeobufExporter() {}

  /** Writes every feature of {@code run}, in id order. */
  public static void write(PublishedRun run, OutputStream out) throws IOException {
    write(run, run.features(), out);
  }

  /**
   * Writes {@code features} of {@code run} to {@code out}, which is flushed but left open, with
   * statistics from small samples withheld as the run's profile says.
   */
  public static void write(PublishedRun run, List<ScoredFeature> features, OutputStream out)
      throws IOException {
    write(run, features, SmallSampleSuppression.of(run.profile()), out);
  }

  /** Writes {@code features} of {@code run}, withholding what {@code suppression} withholds. */
  public static void write(
      PublishedRun run,
      List<ScoredFeature> features,
      SmallSampleSuppression suppression,
      OutputStream out)
      throws IOException {
    List<FlatColumns.Column> columns = FlatColumns.of(run, features, false);
    out.write(Constants.MAGIC_BYTES);
    HeaderMeta header = new HeaderMeta();
    header.name = run.region().id().value();
    header.geometryType = GeometryType.MultiPolygon;
    header.srid = WGS84;
    header.featuresCount = features.size();
    header.indexNodeSize = 0;
    header.envelope = envelope(features);
    header.columns = new ArrayList<>();
    for (FlatColumns.Column c : columns) {
      header.columns.add(columnMeta(c));
    }
    FlatBufferBuilder builder = new FlatBufferBuilder(16 * 1024);
    HeaderMeta.write(header, out, builder);
    WritableByteChannel channel = Channels.newChannel(out);
    PropertyBuffer properties = new PropertyBuffer();
    for (ScoredFeature f : features) {
      builder.clear();
      properties.clear();
      List<Object> values =
          FlatColumns.values(columns, f, FeatureProperties.of(f, run, suppression));
      for (int i = 0; i < values.size(); i++) {
        properties.put(i, columns.get(i).type(), values.get(i));
      }
      int geometry =
          GeometryConversions.serialize(
              builder, multiPolygon(f.neighborhood().geometry()), (byte) GeometryType.MultiPolygon);
      int props = Feature.createPropertiesVector(builder, properties.bytes());
      int feature = Feature.createFeature(builder, geometry, props, 0);
      builder.finishSizePrefixed(feature);
      ByteBuffer data = builder.dataBuffer();
      while (data.hasRemaining()) {
        channel.write(data);
      }
    }
    out.flush();
  }

  private static Envelope envelope(List<ScoredFeature> features) {
    Envelope envelope = new Envelope();
    features.forEach(
        f -> envelope.expandToInclude(f.neighborhood().geometry().getEnvelopeInternal()));
    return envelope.isNull() ? null : envelope;
  }

  private static Geometry multiPolygon(Geometry geometry) {
    if (geometry instanceof Polygon polygon) {
      return geometry.getFactory().createMultiPolygon(new Polygon[] {polygon});
    }
    if (geometry instanceof MultiPolygon) {
      return geometry;
    }
    throw new IllegalArgumentException(
        "neighborhoods are polygons, not " + geometry.getGeometryType());
  }

  private static ColumnMeta columnMeta(FlatColumns.Column column) {
    ColumnMeta meta = new ColumnMeta();
    meta.name = column.name();
    meta.type =
        switch (column.type()) {
          case TEXT -> ColumnType.String;
          case BOOLEAN -> ColumnType.Bool;
          case INTEGER -> ColumnType.Int;
          case REAL -> ColumnType.Double;
          case TIMESTAMP -> ColumnType.DateTime;
        };
    meta.nullable = !column.name().equals("id");
    return meta;
  }

  /**
   * The property bytes of one feature as the format lays them out: for each value present, its
   * column index (uint16) and the value, little-endian; strings as a uint32 byte length and UTF-8.
   */
  private static final class PropertyBuffer {
    private ByteBuffer buffer = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);

    void clear() {
      buffer.clear();
    }

    void put(int column, FlatColumns.Type type, Object value) {
      if (value == null) {
        return;
      }
      switch (type) {
        case TEXT, TIMESTAMP -> {
          byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
          ensure(6 + utf8.length);
          buffer.putShort((short) column).putInt(utf8.length).put(utf8);
        }
        case BOOLEAN -> {
          ensure(3);
          buffer.putShort((short) column).put((byte) (((Boolean) value) ? 1 : 0));
        }
        case INTEGER -> {
          ensure(6);
          buffer.putShort((short) column).putInt(((Number) value).intValue());
        }
        case REAL -> {
          ensure(10);
          buffer.putShort((short) column).putDouble(((Number) value).doubleValue());
        }
      }
    }

    byte[] bytes() {
      byte[] bytes = new byte[buffer.position()];
      buffer.duplicate().flip().get(bytes);
      return bytes;
    }

    private void ensure(int more) {
      if (buffer.remaining() < more) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
    }
  }
}
