package org.gapmap.core.ingest;

import org.gapmap.core.model.UploadRecord;

/**
 * The result of an ingest.
 *
 * @param upload the stored upload (the earlier one when {@code alreadyIngested})
 * @param alreadyIngested the same bytes were ingested before, so nothing changed
 */
public record IngestOutcome(UploadRecord upload, boolean alreadyIngested) {}
