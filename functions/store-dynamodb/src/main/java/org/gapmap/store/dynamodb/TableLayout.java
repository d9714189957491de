package org.gapmap.store.dynamodb;

import java.util.List;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.UploadId;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single-table key design. Keys are strings; numbers are numbers.
 *
 * <pre>
 * item           PK                          SK                         GSI1PK                  GSI1SK
 * region         REGION#regionId             META                       REGIONS                 regionId
 * neighborhood   REGION#regionId             NBHD#id
 * upload         REGION#regionId             UPLOAD#sha256
 * run            REGION#regionId             RUN#runId
 * crosswalk      REGION#regionId             XWALK#name
 * blob part      REGION#regionId             PART#nonce#0001
 * score          RUN#regionId#runId          NBHD#id                    RANK#regionId#runId     rank, 10 digits
 * </pre>
 *
 * <p>{@value #GSI1} is sparse: only regions and ranked scores carry its keys. It lists regions in
 * id order without a scan, and answers "the top N of a run" with one query. Stateless.
 */
public final class TableLayout {
  /** Default table name. */
  public static final String DEFAULT_TABLE = "gapmap";

  static final String PK = "PK";
  static final String SK = "SK";
  static final String GSI1 = "GSI1";
  static final String GSI1PK = "GSI1PK";
  static final String GSI1SK = "GSI1SK";

  static final String META = "META";
  static final String NEIGHBORHOOD_PREFIX = "NBHD#";
  static final String UPLOAD_PREFIX = "UPLOAD#";
  static final String RUN_PREFIX = "RUN#";
  static final String PART_PREFIX = "PART#";
  static final String CROSSWALK_PREFIX = "XWALK#";
  static final String REGIONS = "REGIONS";

  private TableLayout() {}

  static String regionPk(RegionId regionId) {
    return "REGION#" + regionId.value();
  }

  static String neighborhoodSk(NeighborhoodId id) {
    return NEIGHBORHOOD_PREFIX + id.value();
  }

  static String uploadSk(UploadId id) {
    return UPLOAD_PREFIX + id.sha256();
  }

  static String crosswalkSk(String name) {
    return CROSSWALK_PREFIX + name;
  }

  static String runSk(RunId id) {
    return RUN_PREFIX + id.value();
  }

  static String partSk(String nonce, int index) {
    return PART_PREFIX + nonce + "#" + String.format("%04d", index);
  }

  static String scorePk(RegionId regionId, RunId runId) {
    return "RUN#" + regionId.value() + "#" + runId.value();
  }

  static String rankPk(RegionId regionId, RunId runId) {
    return "RANK#" + regionId.value() + "#" + runId.value();
  }

  /** Ranks as fixed-width strings, so they sort numerically. */
  static String rankSk(int rank) {
    return String.format("%010d", rank);
  }

  /** The table: on-demand, string keys PK/SK, and the sparse {@value #GSI1}. */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            stringAttribute(PK),
            stringAttribute(SK),
            stringAttribute(GSI1PK),
            stringAttribute(GSI1SK))
        .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder()
                .indexName(GSI1)
                .keySchema(key(GSI1PK, KeyType.HASH), key(GSI1SK, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build())
        .build();
  }

  static List<String> keyAttributes() {
    return List.of(PK, SK);
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
