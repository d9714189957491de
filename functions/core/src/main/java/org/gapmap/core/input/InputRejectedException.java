package org.gapmap.core.input;

/**
 * Input that gapmap will not accept, with where and why: the file, the line or feature, the column
 * and what was expected. Nothing is stored when this is thrown.
 */
public class InputRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String location;
  private final String column;
  private final String reason;

  /**
   * @param source file name as the user gave it
   * @param location {@code "line 12"}, {@code "feature 3 (BK72)"}, or {@code null} for the whole
   *     file
   * @param column column or property name, or {@code null}
   * @param reason what was wrong and what was expected
   */
  public InputRejectedException(String source, String location, String column, String reason) {
    this(source, location, column, reason, null);
  }

  public InputRejectedException(
      String source, String location, String column, String reason, Throwable cause) {
    super(format(source, location, column, reason), cause);
    this.source = source;
    this.location = location;
    this.column = column;
    this.reason = reason;
  }

  public static InputRejectedException atLine(
      String source, long line, String column, String reason) {
    return new InputRejectedException(source, "line " + line, column, reason);
  }

  private static String format(String source, String location, String column, String reason) {
    StringBuilder b = new StringBuilder(source == null ? "input" : source);
    if (location != null) {
      b.append(": ").append(location);
    }
    if (column != null) {
      b.append(location == null ? ": " : ", ").append("column '").append(column).append('\'');
    }
    return b.append(": ").append(reason).toString();
  }

  public String source() {
    return source;
  }

  public String location() {
    return location;
  }

  public String column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
