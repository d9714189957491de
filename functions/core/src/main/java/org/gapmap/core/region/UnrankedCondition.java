package org.gapmap.core.region;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition that keeps matching neighborhoods on the map but out of the ranking: {@code
 * NTAType!=0}, {@code BoroName=Bronx}, or {@code NTACode~.*(98|99)} (a regular expression that must
 * match the whole value). The name {@code id} refers to the neighborhood id when the feature has no
 * property of that name. Immutable.
 */
public final class UnrankedCondition {
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([^!=~\\s]+)\\s*(!=|=|~)\\s*(.*?)\\s*");

  private enum Operator {
    EQUALS,
    NOT_EQUALS,
    MATCHES
  }

  private final String property;
  private final Operator operator;
  private final String value;
  private final Pattern pattern;
  private final String text;

  private UnrankedCondition(String text, String property, Operator operator, String value) {
    this.text = text;
    this.property = property;
    this.operator = operator;
    this.value = value;
    this.pattern = operator == Operator.MATCHES ? Pattern.compile(value) : null;
  }

  /**
   * Parses a condition.
   *
   * @throws IllegalArgumentException with a message saying the expected forms
   */
  public static UnrankedCondition parse(String text) {
    Matcher m = SYNTAX.matcher(Objects.requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "unranked condition '"
              + text
              + "' must look like PROPERTY=VALUE, PROPERTY!=VALUE or PROPERTY~REGEX");
    }
    Operator op =
        switch (m.group(2)) {
          case "=" -> Operator.EQUALS;
          case "!=" -> Operator.NOT_EQUALS;
          default -> Operator.MATCHES;
        };
    try {
      return new UnrankedCondition(text.strip(), m.group(1), op, m.group(3));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "unranked condition '" + text + "': bad regular expression: " + e.getDescription(), e);
    }
  }

  public String property() {
    return property;
  }

  /** Whether a feature with these properties and this id is to be left out of the ranking. */
  public boolean matches(Map<String, Object> properties, String id) {
    String actual;
    if (properties.containsKey(property)) {
      Object v = properties.get(property);
      actual = v == null ? "" : text(v);
    } else if ("id".equals(property)) {
      actual = id;
    } else {
      actual = "";
    }
    return switch (operator) {
      case EQUALS -> actual.equals(value);
      case NOT_EQUALS -> !actual.equals(value);
      case MATCHES -> pattern.matcher(actual).matches();
    };
  }

  private static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return v.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
