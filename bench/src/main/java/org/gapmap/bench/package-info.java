/**
 * Benchmarks of gapmap's ingestion against PostGIS on the same data, and the PostGIS harness they
 * share ({@link org.gapmap.bench.PostgisServer}): a throw-away server installed and started by
 * {@code bench/postgis/postgis.sh}. Not part of the default build. Classes are single-threaded
 * command-line programs unless they say otherwise.
 */
package org.gapmap.bench;
