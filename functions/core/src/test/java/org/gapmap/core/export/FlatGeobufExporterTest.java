package org.gapmap.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;
import org.wololo.flatgeobuf.generated.Header;

class FlatGeobufExporterTest {

  @Test
  void writesEveryFeatureWithGeometryAndColumnsReadBackByTheLibrary() throws IOException {
    PublishedRun run = run();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FlatGeobufExporter.write(run, out);

    ByteBuffer bb = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Constants.isFlatgeobuf(bb.duplicate())).isTrue();
    HeaderMeta header = HeaderMeta.read(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    ByteBuffer headerBytes = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    headerBytes.position(Constants.MAGIC_BYTES.length + 4);
    assertThat(Header.getRootAsHeader(headerBytes.slice().order(ByteOrder.LITTLE_ENDIAN)).name())
        .isEqualTo("r1");
    assertThat(header.featuresCount).isEqualTo(3);
    assertThat((int) header.geometryType).isEqualTo(GeometryType.MultiPolygon);
    assertThat(header.srid).isEqualTo(4326);
    assertThat(header.indexNodeSize).isZero();
    assertThat(header.columns)
        .extracting(c -> c.name)
        .startsWith("id", "name", "borough", "ranked", "rank", "gap_score")
        .contains("contribution_home_broadband_adoption", "computed_at")
        .doesNotContain("centroid_lat");

    bb.position(header.offset);
    Map<String, Map<String, Object>> byId = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      int size = bb.getInt();
      ByteBuffer slice = bb.slice().order(ByteOrder.LITTLE_ENDIAN);
      slice.limit(size);
      Feature feature = Feature.getRootAsFeature(slice);
      Geometry geometry =
          GeometryConversions.deserialize(feature.geometry(), (byte) GeometryType.MultiPolygon);
      Map<String, Object> properties = properties(feature, header.columns);
      properties.put("_geometry", geometry);
      byId.put((String) properties.get("id"), properties);
      bb.position(bb.position() + size);
    }
    assertThat(bb.hasRemaining()).isFalse();

    Map<String, Object> midtown = byId.get("MN17");
    assertThat(midtown.get("name")).isEqualTo("Midtown-Midtown South");
    assertThat(midtown.get("ranked")).isEqualTo(true);
    assertThat(midtown.get("rank")).isEqualTo(2);
    assertThat(midtown.get("gap_score")).isEqualTo(40.0);
    assertThat(midtown.get("home_broadband_adoption")).isEqualTo(0.1 + 0.2);
    assertThat(midtown.get("computed_at")).isEqualTo(StoreFixtures.T0.plusSeconds(5).toString());
    assertThat(((Geometry) midtown.get("_geometry")).getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(((Geometry) midtown.get("_geometry")).getArea())
        .isCloseTo(
            run.features().get(2).neighborhood().geometry().getArea(),
            org.assertj.core.data.Offset.offset(1e-12));

    Map<String, Object> park = byId.get("BK99");
    assertThat(park).doesNotContainKeys("borough", "rank", "gap_score");
    assertThat(park.get("ranked")).isEqualTo(false);
    assertThat(park.get("missing_indicators")).isEqualTo("home_broadband_adoption;no_computer");
    Geometry heights = (Geometry) byId.get("BK09").get("_geometry");
    assertThat(heights.getGeometryN(0).getNumGeometries()).isEqualTo(1);
  }

  private static PublishedRun run() {
    List<Neighborhood> n = StoreFixtures.neighborhoods();
    return new PublishedRun(
        StoreFixtures.region("r1"),
        StoreFixtures.run("r1", 5, List.of()).withStatus(RunStatus.PUBLISHED),
        List.of(
            new ScoredFeature(n.get(2), StoreFixtures.scored("BK09", 70.0, 1)),
            new ScoredFeature(n.get(1), StoreFixtures.unscored("BK99")),
            new ScoredFeature(n.get(0), StoreFixtures.scored("MN17", 40.0, 2))));
  }

  /** Decodes the property bytes as the FlatGeobuf specification lays them out. */
  private static Map<String, Object> properties(Feature feature, List<ColumnMeta> columns) {
    ByteBuffer p = feature.propertiesAsByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Object> values = new LinkedHashMap<>();
    while (p.hasRemaining()) {
      ColumnMeta column = columns.get(Short.toUnsignedInt(p.getShort()));
      Object value =
          switch (column.type) {
            case ColumnType.Bool -> p.get() != 0;
            case ColumnType.Int -> p.getInt();
            case ColumnType.Double -> p.getDouble();
            case ColumnType.String, ColumnType.DateTime -> {
              byte[] utf8 = new byte[p.getInt()];
              p.get(utf8);
              yield new String(utf8, StandardCharsets.UTF_8);
            }
            default -> throw new AssertionError("unexpected column type " + column.type);
          };
      values.put(column.name, value);
    }
    return values;
  }
}
