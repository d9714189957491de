/**
 * Ingestion: one reader per upload kind turns a file into per-neighborhood indicators, validating
 * every row and naming file, line and column of anything it rejects.
 */
package org.gapmap.core.ingest;
