package org.gapmap.store.dynamodb;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Binary attributes of any size. A value up to {@link #inlineLimit} bytes is kept in the item
 * itself ({@value #INLINE}); a larger one is cut into part items of at most that size under the
 * same partition key ({@code PART#nonce#0001} ...) and the item records the nonce and the part
 * count. Every item so stays far below DynamoDB's 400 KB limit and nothing is rejected for its
 * size. Parts are written before the item that points at them, and the nonce is new for every
 * write, so a reader never follows a pointer to a missing or foreign part. Immutable.
 */
final class Blobs {
  /** Default most bytes in one item: a half of DynamoDB's item limit. */
  static final int DEFAULT_INLINE_LIMIT = 200 * 1024;

  static final String INLINE = "blob";
  static final String PARTS = "blobParts";
  static final String NONCE = "blobNonce";
  static final String PART_DATA = "data";

  private final int inlineLimit;

  Blobs(int inlineLimit) {
    if (inlineLimit < 1) {
      throw new IllegalArgumentException("inline limit must be positive: " + inlineLimit);
    }
    this.inlineLimit = inlineLimit;
  }

  /** A blob ready to be written: attributes for the owning item, and part items to write first. */
  record Encoded(Map<String, AttributeValue> pointer, List<Map<String, AttributeValue>> parts) {}

  Encoded encode(String pk, byte[] data) {
    if (data.length <= inlineLimit) {
      return new Encoded(Map.of(INLINE, Attributes.b(data)), List.of());
    }
    String nonce = UUID.randomUUID().toString();
    List<Map<String, AttributeValue>> parts = new ArrayList<>();
    for (int from = 0, index = 1; from < data.length; from += inlineLimit, index++) {
      Map<String, AttributeValue> part = new HashMap<>();
      part.put(TableLayout.PK, Attributes.s(pk));
      part.put(TableLayout.SK, Attributes.s(TableLayout.partSk(nonce, index)));
      part.put(
          PART_DATA,
          Attributes.b(Arrays.copyOfRange(data, from, Math.min(data.length, from + inlineLimit))));
      parts.add(part);
    }
    return new Encoded(
        Map.of(PARTS, Attributes.n(parts.size()), NONCE, Attributes.s(nonce)), parts);
  }

  /** Whether the item keeps its blob in part items. */
  static boolean isSplit(Map<String, AttributeValue> item) {
    return !item.containsKey(INLINE);
  }

  static byte[] inline(Map<String, AttributeValue> item) {
    return item.get(INLINE).b().asByteArrayUnsafe();
  }

  /** The SK prefix of the item's parts. */
  static String partPrefix(Map<String, AttributeValue> item) {
    return TableLayout.PART_PREFIX + Attributes.string(item, NONCE) + "#";
  }

  /** Joins the item's parts, read in key order, checking the count. */
  static byte[] join(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> parts) {
    long expected = Attributes.longValue(item, PARTS);
    if (parts.size() != expected) {
      throw new DynamoDbStoreException(
          "item "
              + item.get(TableLayout.SK).s()
              + " has "
              + parts.size()
              + " of "
              + expected
              + " parts");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map<String, AttributeValue> part : parts) {
      out.writeBytes(part.get(PART_DATA).b().asByteArrayUnsafe());
    }
    return out.toByteArray();
  }
}
