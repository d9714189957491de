/**
 * The ingest Lambda function: an S3 {@code ObjectCreated} event on {@code
 * uploads/<regionId>/<kind>/<file>} becomes an ingest, a rescore and an atomic publish into the
 * DynamoDB store, with a report object next to the upload. {@link org.gapmap.ingest.IngestHandler}
 * is the handler. Uploads too big for one function go to the ingest state machine, whose steps are
 * {@link org.gapmap.ingest.ShardHandler} (one shard of the whole object), {@link
 * org.gapmap.ingest.RowBatchHandler} (one batch of rows from the CSV item reader) and {@link
 * org.gapmap.ingest.MergeHandler}.
 */
package org.gapmap.ingest;
