package org.gapmap.core.store;

/**
 * A write lost against the stored state: the item exists already, or another writer got there
 * first.
 */
public class StoreConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreConflictException(String message) {
    super(message);
  }
}
