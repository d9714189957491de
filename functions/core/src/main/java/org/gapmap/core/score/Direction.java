package org.gapmap.core.score;

/** Which way an indicator points at a gap. */
public enum Direction {
  /** A low value is a big gap (adoption, coverage, speed, infrastructure density). */
  LOWER_IS_GAP,
  /** A high value is a big gap (share of unserved locations). */
  HIGHER_IS_GAP
}
