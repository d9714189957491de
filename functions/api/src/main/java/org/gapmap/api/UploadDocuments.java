package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadRecord;

/**
 * The JSON answer to an accepted upload: its id, kind, counts and notes, and the run it led to. It
 * carries no uploaded rows. Stateless and thread-safe.
 */
final class UploadDocuments {
  private UploadDocuments() {}

  static byte[] write(
      RegionId region, UploadRecord upload, boolean alreadyIngested, @Nullable Run run) {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("regionId", region.value());
          g.writeStringField("uploadId", upload.id().sha256());
          g.writeStringField("kind", upload.kind().cliName());
          g.writeStringField("label", upload.label());
          g.writeBooleanField("alreadyIngested", alreadyIngested);
          g.writeStringField("receivedAt", upload.receivedAt().toString());
          UploadRecord.IngestReport report = upload.report();
          g.writeNumberField("rowsRead", report.rowsRead());
          g.writeNumberField("rowsUsed", report.rowsUsed());
          g.writeNumberField("rowsOutside", report.rowsOutside());
          g.writeNumberField("rowsSkipped", report.rowsSkipped());
          g.writeNumberField("neighborhoods", upload.indicators().size());
          g.writeArrayFieldStart("notes");
          for (String note : report.notes()) {
            g.writeString(note);
          }
          g.writeEndArray();
          if (run == null) {
            g.writeNullField("runId");
          } else {
            g.writeStringField("runId", run.id().value());
            g.writeStringField("profile", run.profileName());
          }
          g.writeEndObject();
        });
  }
}
