/**
 * The local runtime behind {@code ./gapmap}: serve, region, ingest, score and export on the
 * embedded store.
 */
package org.gapmap.cli;
