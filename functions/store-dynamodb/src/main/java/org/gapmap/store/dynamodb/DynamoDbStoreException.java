package org.gapmap.store.dynamodb;

/**
 * DynamoDB failed in a way the caller cannot fix by changing its input, or stored data is corrupt.
 */
public class DynamoDbStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DynamoDbStoreException(String message) {
    super(message);
  }

  public DynamoDbStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
