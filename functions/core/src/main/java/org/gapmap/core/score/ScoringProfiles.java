package org.gapmap.core.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.BeadThresholds;
import org.gapmap.core.model.Run;

/**
 * Built-in scoring profiles and profile files. A profile file is JSON ({@code docs/methodology.md}
 * documents every field):
 *
 * <pre>{@code
 * {"name": "my-profile", "version": 1, "description": "...",
 *  "thresholds": {"unserved": {"download_mbps": 25, "upload_mbps": 3},
 *                 "underserved": {"download_mbps": 100, "upload_mbps": 20}},
 *  "eligibility": [{"indicator": "households", "op": ">", "value": 0}],
 *  "affected": "households_without_home_broadband",
 *  "minimum_sample": 10,
 *  "indicators": [{"name": "home_broadband_adoption", "weight": 2, "direction": "lower_is_gap",
 *                  "reason": "low home broadband adoption"}]}
 * }</pre>
 *
 * Unknown fields are rejected, so a misspelt field never silently falls back to a default.
 * Stateless and thread-safe.
 */
public final class ScoringProfiles {
  /** The profile used when none is named. */
  public static final String DEFAULT = "balanced";

  private static final List<String> BUILT_IN =
      List.of("balanced", "home-adoption", "mobile-5g", "bead");
  private static final Set<String> PROFILE_FIELDS =
      Set.of(
          "name",
          "version",
          "description",
          "thresholds",
          "eligibility",
          "affected",
          "minimum_sample",
          "indicators");
  private static final Set<String> INDICATOR_FIELDS =
      Set.of("name", "weight", "direction", "reason");
  private static final Set<String> RULE_FIELDS = Set.of("indicator", "op", "value");
  private static final Set<String> THRESHOLD_FIELDS = Set.of("unserved", "underserved");
  private static final Set<String> SPEED_FIELDS = Set.of("download_mbps", "upload_mbps");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final int DEFINITION_CACHE_SIZE = 64;
  private static final Map<String, ScoringProfile> DEFINITIONS = new ConcurrentHashMap<>();
  private static final Map<String, ScoringProfile> BUILT_IN_CACHE = new ConcurrentHashMap<>();

  private ScoringProfiles() {}

  public static List<String> builtInNames() {
    return BUILT_IN;
  }

  public static Optional<ScoringProfile> builtIn(String name) {
    if (!BUILT_IN.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(BUILT_IN_CACHE.computeIfAbsent(name, ScoringProfiles::load));
  }

  private static ScoringProfile load(String name) {
    String resource = "profiles/" + name + ".json";
    try (InputStream in = ScoringProfiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in profile resource missing: " + resource);
      }
      return parse(resource, MAPPER.readTree(in));
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
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputRejectedException(
          file.toString(), null, null, "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InputRejectedException(file.toString(), null, null, "the file is empty");
    }
    return parse(file.toString(), root);
  }

  /**
   * The profile a run was scored with: its stored definition, else (for runs stored before
   * definitions were kept) the built-in profile of the same name and version.
   */
  public static Optional<ScoringProfile> of(Run run) {
    Optional<String> definition = run.profileDefinitionJson();
    if (definition.isPresent()) {
      return Optional.of(fromDefinition(definition.get()));
    }
    return builtIn(run.profileName()).filter(p -> p.reference().equals(run.profile()));
  }

  /** Parses a definition written by {@link #toJson}. */
  public static ScoringProfile fromDefinition(String json) {
    ScoringProfile cached = DEFINITIONS.get(json);
    if (cached != null) {
      return cached;
    }
    try {
      ScoringProfile parsed = parse("stored profile definition", MAPPER.readTree(json));
      if (DEFINITIONS.size() >= DEFINITION_CACHE_SIZE) {
        DEFINITIONS.clear();
      }
      DEFINITIONS.put(json, parsed);
      return parsed;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored profile definition is not JSON: " + json, e);
    }
  }

  /** The full definition of {@code profile} as compact JSON, with every default spelt out. */
  public static String toJson(ScoringProfile profile) {
    try {
      return MAPPER.writeValueAsString(tree(profile));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write profile " + profile.reference(), e);
    }
  }

  /** The full definition of {@code profile} as a JSON tree. */
  public static ObjectNode tree(ScoringProfile profile) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", profile.name());
    root.put("version", profile.version());
    root.put("description", profile.description());
    ObjectNode thresholds = root.putObject("thresholds");
    BeadThresholds t = profile.thresholds();
    ObjectNode unserved = thresholds.putObject("unserved");
    unserved.put("download_mbps", t.unservedDownloadMbps());
    unserved.put("upload_mbps", t.unservedUploadMbps());
    ObjectNode underserved = thresholds.putObject("underserved");
    underserved.put("download_mbps", t.servedDownloadMbps());
    underserved.put("upload_mbps", t.servedUploadMbps());
    ArrayNode rules = root.putArray("eligibility");
    for (EligibilityRule rule : profile.eligibility()) {
      ObjectNode r = rules.addObject();
      r.put("indicator", rule.indicator());
      r.put("op", rule.op().symbol());
      r.put("value", rule.value());
    }
    root.put("affected", profile.affected().id());
    root.put("minimum_sample", profile.minimumSample());
    ArrayNode indicators = root.putArray("indicators");
    for (WeightedIndicator wi : profile.indicators()) {
      ObjectNode i = indicators.addObject();
      i.put("name", wi.name());
      i.put("weight", wi.weight());
      i.put("direction", wi.direction().name().toLowerCase(Locale.ROOT));
      i.put("reason", wi.reason());
    }
    return root;
  }

  static ScoringProfile parse(String source, JsonNode root) {
    try {
      if (!root.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      knownFields(root, PROFILE_FIELDS, "the profile");
      if (!root.path("version").canConvertToInt() || !root.path("version").isIntegralNumber()) {
        throw new IllegalArgumentException("'version' must be a whole number of 1 or more");
      }
      JsonNode list = root.path("indicators");
      if (!list.isArray()) {
        throw new IllegalArgumentException("'indicators' must be an array");
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("'indicators' is empty: nothing to score");
      }
      boolean allZero = true;
      for (JsonNode i : list) {
        allZero &= i.path("weight").isNumber() && i.path("weight").asDouble() == 0;
      }
      if (allZero) {
        throw new IllegalArgumentException("every weight is 0: nothing to score");
      }
      List<WeightedIndicator> indicators = new ArrayList<>();
      int position = 0;
      for (JsonNode i : list) {
        position++;
        if (!i.isObject()) {
          throw new IllegalArgumentException("indicator " + position + " must be a JSON object");
        }
        String name = text(i, "name", "indicator " + position);
        knownFields(i, INDICATOR_FIELDS, "indicator " + name);
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
        double weight = i.path("weight").asDouble();
        if (!(weight > 0) || !Double.isFinite(weight)) {
          throw new IllegalArgumentException(
              "indicator "
                  + name
                  + ": 'weight' must be greater than 0, found "
                  + i.path("weight").asText()
                  + (weight == 0 ? " (remove the indicator to leave it out)" : ""));
        }
        indicators.add(
            new WeightedIndicator(
                name,
                weight,
                direction(name, i.path("direction").asText("")),
                i.has("reason") ? text(i, "reason", "indicator " + name) : null));
      }
      return new ScoringProfile(
          text(root, "name", "the profile"),
          root.path("version").asInt(),
          root.has("description") ? text(root, "description", "the profile") : "",
          indicators,
          thresholds(root.get("thresholds")),
          eligibility(root.get("eligibility")),
          affected(root.get("affected")),
          minimumSample(root.get("minimum_sample")));
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException(
          source, null, null, "invalid scoring profile: " + e.getMessage(), e);
    }
  }

  private static BeadThresholds thresholds(JsonNode node) {
    if (node == null || node.isNull()) {
      return BeadThresholds.DEFAULT;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("'thresholds' must be a JSON object");
    }
    knownFields(node, THRESHOLD_FIELDS, "'thresholds'");
    double[] unserved =
        speeds(
            node.get("unserved"),
            "unserved",
            BeadThresholds.DEFAULT.unservedDownloadMbps(),
            BeadThresholds.DEFAULT.unservedUploadMbps());
    double[] underserved =
        speeds(
            node.get("underserved"),
            "underserved",
            BeadThresholds.DEFAULT.servedDownloadMbps(),
            BeadThresholds.DEFAULT.servedUploadMbps());
    return new BeadThresholds(unserved[0], unserved[1], underserved[0], underserved[1]);
  }

  private static double[] speeds(JsonNode node, String what, double down, double up) {
    if (node == null) {
      return new double[] {down, up};
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("'thresholds." + what + "' must be a JSON object");
    }
    knownFields(node, SPEED_FIELDS, "'thresholds." + what + "'");
    for (String field : SPEED_FIELDS) {
      if (!node.path(field).isNumber()) {
        throw new IllegalArgumentException(
            "'thresholds." + what + "." + field + "' must be a number of Mbps");
      }
    }
    return new double[] {node.get("download_mbps").asDouble(), node.get("upload_mbps").asDouble()};
  }

  private static List<EligibilityRule> eligibility(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("'eligibility' must be an array of rules");
    }
    List<EligibilityRule> rules = new ArrayList<>();
    int position = 0;
    for (JsonNode r : node) {
      position++;
      String where = "eligibility rule " + position;
      if (!r.isObject()) {
        throw new IllegalArgumentException(where + " must be a JSON object");
      }
      knownFields(r, RULE_FIELDS, where);
      String indicator = text(r, "indicator", where);
      if (!IndicatorCatalog.isKnown(indicator)) {
        throw new IllegalArgumentException(where + ": unknown indicator '" + indicator + "'");
      }
      if (!r.path("value").isNumber()) {
        throw new IllegalArgumentException(where + ": 'value' must be a number");
      }
      rules.add(
          new EligibilityRule(
              indicator, EligibilityRule.Op.of(text(r, "op", where)), r.get("value").asDouble()));
    }
    return rules;
  }

  private static AffectedMeasure affected(JsonNode node) {
    if (node == null || node.isNull()) {
      return AffectedMeasure.HOUSEHOLDS_WITHOUT_HOME_BROADBAND;
    }
    String id = node.asText("");
    return AffectedMeasure.fromId(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'affected' must be households_without_home_broadband or"
                        + " unserved_underserved_locations, found '"
                        + id
                        + "'"));
  }

  private static int minimumSample(JsonNode node) {
    if (node == null) {
      return ScoringProfile.DEFAULT_MINIMUM_SAMPLE;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw new IllegalArgumentException(
          "'minimum_sample' must be a whole number of 1 or more (the fewest observations a"
              + " statistic is published from; default "
              + ScoringProfile.DEFAULT_MINIMUM_SAMPLE
              + "), found "
              + node);
    }
    return node.asInt();
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be a string");
    }
    return value.asText();
  }

  private static void knownFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            where
                + ": unknown field '"
                + name
                + "'; fields: "
                + String.join(", ", known.stream().sorted().toList()));
      }
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
