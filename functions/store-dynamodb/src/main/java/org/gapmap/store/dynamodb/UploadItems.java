package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute layout of upload items. The report and the indicators travel as one compressed JSON
 * document, a blob that is split over part items when large. Stateless.
 */
final class UploadItems {
  static final String RECEIVED_AT = "receivedAt";
  static final String SEQ = "seq";

  private UploadItems() {}

  static Map<String, AttributeValue> item(
      UploadRecord upload, long seq, Map<String, AttributeValue> body) {
    Map<String, AttributeValue> item = new HashMap<>(body);
    item.put(TableLayout.PK, s(TableLayout.regionPk(upload.regionId())));
    item.put(TableLayout.SK, s(TableLayout.uploadSk(upload.id())));
    item.put("uploadId", s(upload.id().sha256()));
    item.put("regionId", s(upload.regionId().value()));
    item.put("kind", s(upload.kind().cliName()));
    item.put("label", s(upload.label()));
    item.put("sourceName", s(upload.sourceName()));
    item.put("attribution", s(upload.attribution()));
    item.put(RECEIVED_AT, n(upload.receivedAt().toEpochMilli()));
    item.put(SEQ, n(seq));
    item.put("rowsRead", n(upload.report().rowsRead()));
    item.put("rowsUsed", n(upload.report().rowsUsed()));
    upload.asOfDate().ifPresent(date -> item.put("asOf", s(date.toString())));
    return item;
  }

  static UploadRecord upload(Map<String, AttributeValue> item, byte[] body) {
    String kind = Attributes.string(item, "kind");
    String id = Attributes.string(item, "uploadId");
    JsonNode document = JsonValues.tree(Compression.inflate(body, "upload " + id), "upload " + id);
    return new UploadRecord(
        new UploadId(id),
        RegionId.of(Attributes.string(item, "regionId")),
        UploadKind.fromName(kind)
            .orElseThrow(
                () -> new DynamoDbStoreException("stored upload has unknown kind " + kind)),
        Attributes.string(item, "label"),
        Attributes.string(item, "sourceName"),
        Attributes.string(item, "attribution"),
        Instant.ofEpochMilli(Attributes.longValue(item, RECEIVED_AT)),
        JsonValues.report(document),
        JsonValues.indicators(document),
        asOf(item));
  }

  private static LocalDate asOf(Map<String, AttributeValue> item) {
    String text = Attributes.optionalString(item, "asOf");
    return text == null ? null : LocalDate.parse(text);
  }
}
