/**
 * Per-neighborhood accumulators whose results merge exactly: counts, sums and exact medians kept as
 * value lists. An upload read in several partitions (shards of a national file) and merged gives
 * the same indicators, bit for bit, as one read of the whole file. Accumulators are mutable and not
 * thread-safe: one per partition and thread, merged afterwards.
 */
package org.gapmap.core.aggregate;
