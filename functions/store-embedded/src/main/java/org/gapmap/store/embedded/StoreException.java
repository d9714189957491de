package org.gapmap.store.embedded;

/**
 * A failure of the embedded database: an I/O or SQL error, a lock held by another process for
 * longer than the busy timeout, stored data that cannot be decoded, or a database written by a
 * newer version. Immutable.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
