package org.gapmap.store.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing single attribute values, with clear errors for corrupt items. Stateless. */
final class Attributes {
  private Attributes() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue n(double value) {
    return AttributeValue.fromN(Double.toString(value));
  }

  static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  static AttributeValue bool(boolean value) {
    return AttributeValue.fromBool(value);
  }

  static AttributeValue strings(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  static String string(Map<String, AttributeValue> item, String name) {
    return required(item, name).s();
  }

  static String optionalString(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  static long longValue(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(number(item, name));
  }

  static double doubleValue(Map<String, AttributeValue> item, String name) {
    return Double.parseDouble(number(item, name));
  }

  static Double optionalDouble(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : Double.valueOf(value.n());
  }

  static Integer optionalInt(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : Integer.valueOf(value.n());
  }

  static boolean booleanValue(Map<String, AttributeValue> item, String name) {
    Boolean value = required(item, name).bool();
    if (value == null) {
      throw corrupt(item, name);
    }
    return value;
  }

  static List<String> stringList(Map<String, AttributeValue> item, String name) {
    return required(item, name).l().stream().map(AttributeValue::s).toList();
  }

  private static String number(Map<String, AttributeValue> item, String name) {
    String n = required(item, name).n();
    if (n == null) {
      throw corrupt(item, name);
    }
    return n;
  }

  private static AttributeValue required(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null) {
      throw corrupt(item, name);
    }
    return value;
  }

  private static DynamoDbStoreException corrupt(Map<String, AttributeValue> item, String name) {
    return new DynamoDbStoreException(
        "stored item "
            + item.get(TableLayout.PK)
            + " / "
            + item.get(TableLayout.SK)
            + " lacks a valid attribute "
            + name);
  }
}
