/**
 * Gap scores: scoring profiles (weighted, oriented indicators), percentile normalization, weighted
 * combination and ranking. Every score is explained by per-indicator contributions and a list of
 * missing indicators.
 */
package org.gapmap.core.score;
