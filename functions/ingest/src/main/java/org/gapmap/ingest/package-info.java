/**
 * The ingest Lambda function: an S3 {@code ObjectCreated} event on {@code
 * uploads/<regionId>/<kind>/<file>} becomes an ingest, a rescore and an atomic publish into the
 * DynamoDB store, with a report object next to the upload. {@link org.gapmap.ingest.IngestHandler}
 * is the handler.
 */
package org.gapmap.ingest;
