package org.gapmap.core.ingest;

import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * What a reader made of one upload.
 *
 * @param label the label its indicators go under
 * @param indicators indicators by neighborhood
 * @param report counts and notes of the read
 */
public record ReadResult(
    String label, Map<NeighborhoodId, Indicators> indicators, IngestReport report) {}
