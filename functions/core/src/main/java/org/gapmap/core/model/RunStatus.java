package org.gapmap.core.model;

/**
 * Life cycle of a run: BUILDING while its scores are written, then PUBLISHED or FAILED, never back.
 */
public enum RunStatus {
  BUILDING,
  PUBLISHED,
  FAILED
}
