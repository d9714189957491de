package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Chooses the representation of a resource: {@code f=} decides when given, otherwise the {@code
 * Accept} header with its quality values, ties going to the resource's first format (its JSON one).
 * A request without {@code Accept}, or accepting anything, gets the first format. Stateless and
 * thread-safe.
 */
final class Negotiation {
  private Negotiation() {}

  /**
   * The format among {@code offered} (most preferred first) this request gets.
   *
   * @throws ApiException 400 for an {@code f} naming no offered format, 406 when {@code Accept}
   *     admits none of them
   */
  static OutputFormat choose(HttpRequest<?> request, @Nullable String f, OutputFormat... offered) {
    if (f != null) {
      String wanted = f.trim().toLowerCase(Locale.ROOT);
      for (OutputFormat format : offered) {
        if (format.isNamed(wanted)) {
          return format;
        }
      }
      throw ApiException.invalidParameter(
          "f must be one of "
              + List.of(offered).stream()
                  .map(OutputFormat::f)
                  .distinct()
                  .collect(Collectors.joining(", "))
              + ", got '"
              + f
              + "'");
    }
    String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
    if (accept == null || accept.isBlank()) {
      return offered[0];
    }
    OutputFormat best = null;
    double bestQuality = 0;
    int bestSpecificity = -1;
    for (OutputFormat format : offered) {
      double quality = 0;
      int specificity = -1;
      for (String range : accept.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        int s = -1;
        for (String mediaType : format.acceptedAs()) {
          s = Math.max(s, specificity(type, mediaType));
        }
        if (s > specificity) {
          specificity = s;
          quality = quality(parts);
        }
      }
      if (specificity >= 0 && quality > bestQuality) {
        best = format;
        bestQuality = quality;
        bestSpecificity = specificity;
      } else if (specificity > bestSpecificity && quality == bestQuality && quality > 0) {
        // An exact match beats a wildcard of the same quality: "text/html, */*" picks HTML.
        best = format;
        bestSpecificity = specificity;
      }
    }
    if (best == null) {
      throw ApiException.notAcceptable(
          "none of "
              + List.of(offered).stream()
                  .map(OutputFormat::mediaType)
                  .collect(Collectors.joining(", "))
              + " is acceptable");
    }
    return best;
  }

  /** 2 for an exact match, 1 for {@code type/*}, 0 for {@code * /*}, -1 for no match. */
  private static int specificity(String range, String mediaType) {
    String base = mediaType.split(";")[0];
    if (range.equals(base)) {
      return 2;
    }
    if (range.equals("*/*") || range.equals("*")) {
      return 0;
    }
    if (range.endsWith("/*") && base.startsWith(range.substring(0, range.length() - 1))) {
      return 1;
    }
    return -1;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException malformed) {
          return 1;
        }
      }
    }
    return 1;
  }
}
