package org.gapmap.core.score;

import java.util.Arrays;
import java.util.Objects;
import org.gapmap.core.model.Indicators;

/**
 * A condition a neighborhood must meet to be ranked under a profile, such as {@code households > 0}
 * (residential neighborhoods only) or {@code bsl_count > 0} (neighborhoods with broadband
 * serviceable locations). A neighborhood without the indicator fails the rule. Immutable.
 *
 * @param indicator indicator compared
 * @param op comparison
 * @param value number compared with
 */
public record EligibilityRule(String indicator, Op op, double value) {
  /** Comparisons, by the symbols profile files use. */
  public enum Op {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** The comparison written {@code symbol}. */
    public static Op of(String symbol) {
      return Arrays.stream(values())
          .filter(op -> op.symbol.equals(symbol))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "'op' must be one of >, >=, <, <=, ==, !=, found '" + symbol + "'"));
    }

    boolean holds(double left, double right) {
      return switch (this) {
        case GT -> left > right;
        case GE -> left >= right;
        case LT -> left < right;
        case LE -> left <= right;
        case EQ -> left == right;
        case NE -> left != right;
      };
    }
  }

  public EligibilityRule {
    Indicators.checkName(indicator);
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "eligibility rule on " + indicator + ": 'value' must be a finite number");
    }
  }

  /** Whether {@code values} pass: the indicator is present and the comparison holds. */
  public boolean test(Indicators values) {
    return values.get(indicator).stream().anyMatch(v -> op.holds(v, value));
  }

  /** {@code households > 0}. */
  public String describe() {
    String number =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : Double.toString(value);
    return indicator + " " + op.symbol() + " " + number;
  }
}
