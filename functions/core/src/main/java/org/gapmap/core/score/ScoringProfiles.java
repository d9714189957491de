package org.gapmap.core.score;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gapmap.core.input.InputRejectedException;

/**
 * Built-in scoring profiles and profile files. A profile file is JSON:
 *
 * <pre>{@code
 * {"name": "my-profile", "version": 1, "description": "...",
 *  "indicators": [{"name": "home_broadband_adoption", "weight": 2, "direction": "lower_is_gap",
 *                  "reason": "low home broadband adoption"}]}
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class ScoringProfiles {
  /** The profile used when none is named. */
  public static final String DEFAULT = "balanced";

  private static final List<String> BUILT_IN = List.of("balanced", "home-adoption");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ScoringProfiles() {}

  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  public static Optional<ScoringProfile> builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      return Optional.empty();
    }
    String resource = "profiles/" + name + ".json";
    try (InputStream in = ScoringProfiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in profile resource missing: " + resource);
      }
      return Optional.of(parse(resource, MAPPER.readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A built-in profile by name, or else a profile file by path. */
  public static ScoringProfile resolve(String nameOrFile) {
    Optional<ScoringProfile> builtIn = builtIn(nameOrFile);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no built-in profile '"
              + nameOrFile
              + "' and no such file; built-in profiles: "
              + String.join(", ", BUILT_IN));
    }
    try {
      return parse(file.toString(), MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new InputRejectedException(
          file.toString(), null, null, "not valid JSON: " + e.getMessage(), e);
    }
  }

  static ScoringProfile parse(String source, JsonNode root) {
    try {
      if (!root.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      JsonNode list = root.path("indicators");
      if (!list.isArray()) {
        throw new IllegalArgumentException("'indicators' must be an array");
      }
      List<WeightedIndicator> indicators = new ArrayList<>();
      for (JsonNode i : list) {
        String name = i.path("name").asText("");
        if (!IndicatorCatalog.isKnown(name)) {
          throw new IllegalArgumentException(
              "unknown indicator '"
                  + name
                  + "'; known: "
                  + String.join(", ", IndicatorCatalog.fixedNames())
                  + ", <label>_count, <label>_per_km2");
        }
        if (!i.path("weight").isNumber()) {
          throw new IllegalArgumentException("indicator " + name + ": 'weight' must be a number");
        }
        indicators.add(
            new WeightedIndicator(
                name,
                i.path("weight").asDouble(),
                direction(name, i.path("direction").asText("")),
                i.path("reason").asText(null)));
      }
      return new ScoringProfile(
          root.path("name").asText(""),
          root.path("version").asInt(0),
          root.path("description").asText(""),
          indicators);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException(
          source, null, null, "invalid scoring profile: " + e.getMessage(), e);
    }
  }

  private static Direction direction(String indicator, String text) {
    try {
      return Direction.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "indicator "
              + indicator
              + ": 'direction' must be lower_is_gap or higher_is_gap, found '"
              + text
              + "'",
          e);
    }
  }
}
