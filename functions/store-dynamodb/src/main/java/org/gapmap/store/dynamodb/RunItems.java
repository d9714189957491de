package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute layout of run items. Stateless. */
final class RunItems {
  private RunItems() {}

  static Map<String, AttributeValue> item(Run run) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TableLayout.PK, s(TableLayout.regionPk(run.regionId())));
    item.put(TableLayout.SK, s(TableLayout.runSk(run.id())));
    item.put("runId", s(run.id().value()));
    item.put("regionId", s(run.regionId().value()));
    item.put("profile", s(run.profile()));
    item.put("inputs", Attributes.strings(run.inputs().stream().map(UploadId::sha256).toList()));
    item.put("status", s(run.status().name()));
    item.put("createdAt", n(run.createdAt().toEpochMilli()));
    run.profileDefinitionJson().ifPresent(json -> item.put("profileDefinition", s(json)));
    return item;
  }

  static Run run(Map<String, AttributeValue> item) {
    String status = Attributes.string(item, "status");
    RunStatus parsed;
    try {
      parsed = RunStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new DynamoDbStoreException("stored run has unknown status " + status, e);
    }
    return new Run(
        RunId.of(Attributes.string(item, "runId")),
        RegionId.of(Attributes.string(item, "regionId")),
        Attributes.string(item, "profile"),
        Attributes.stringList(item, "inputs").stream().map(UploadId::new).toList(),
        parsed,
        Instant.ofEpochMilli(Attributes.longValue(item, "createdAt")),
        Attributes.optionalString(item, "profileDefinition"));
  }
}
