package org.gapmap.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.export.FeatureProperties;
import org.gapmap.core.export.GeoJsonWriter;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.priorities.PriorityList;
import org.gapmap.core.priorities.Totals;
import org.gapmap.core.publish.RunDiff;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.score.ScoringProfiles;

/**
 * The JSON documents of the region resources: regions, run history, run diffs and priority lists.
 * Built as ordered maps and written with the GeoJSON value writer (integral numbers without a
 * fraction). Stateless and thread-safe.
 */
final class RegionDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegionDocuments() {}

  static byte[] write(Map<String, Object> document) {
    return JsonDocuments.write(g -> GeoJsonWriter.writeValue(g, document));
  }

  static Map<String, Object> regions(String base, List<Region> regions) {
    List<Object> list = new ArrayList<>();
    for (Region r : regions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id().value());
      m.put("title", r.title());
      m.put("neighborhoods", r.neighborhoodCount());
      m.put("current_run_id", r.currentRunId() == null ? null : r.currentRunId().value());
      m.put("links", links(regionLinks(base, r)));
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("regions", list);
    doc.put("links", links(List.of(new Link(base + "/regions", "self", ApiMediaTypes.JSON, null))));
    return doc;
  }

  static List<Link> regionLinks(String base, Region r) {
    String region = base + "/regions/" + RequestUrls.segment(r.id().value());
    return List.of(
        new Link(region + "/runs", "runs", ApiMediaTypes.JSON, "Run history"),
        new Link(region + "/priorities", "priorities", ApiMediaTypes.JSON, "Priority list"),
        new Link(
            base + "/collections/" + RequestUrls.segment(r.id().value()),
            "collection",
            ApiMediaTypes.JSON,
            r.title()));
  }

  /** The run history, newest first. */
  static Map<String, Object> runs(
      String base, Region region, List<Run> oldestFirst, List<UploadRecord> uploads) {
    Map<UploadId, UploadRecord> byId = new HashMap<>();
    uploads.forEach(u -> byId.put(u.id(), u));
    List<Object> list = new ArrayList<>();
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      list.add(run(base, region, oldestFirst.get(i), byId, false));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("region", region.id().value());
    doc.put("current_run_id", region.currentRunId() == null ? null : region.currentRunId().value());
    doc.put("runs", list);
    doc.put(
        "links",
        links(List.of(new Link(runsUrl(base, region), "self", ApiMediaTypes.JSON, "Run history"))));
    return doc;
  }

  /** One run, with its full profile definition when {@code detailed}. */
  static Map<String, Object> run(
      String base, Region region, Run run, Map<UploadId, UploadRecord> uploads, boolean detailed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", run.id().value());
    m.put("profile", run.profile());
    m.put("status", run.status().name());
    m.put("created_at", run.createdAt().toString());
    List<Object> inputs = new ArrayList<>();
    for (UploadId id : run.inputs()) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("upload_id", id.sha256());
      UploadRecord u = uploads.get(id);
      if (u != null) {
        in.put("kind", u.kind().cliName());
        in.put("label", u.label());
        in.put("source_name", u.sourceName());
        in.put("as_of", u.asOf() == null ? null : u.asOf().toString());
        in.put("attribution", u.attribution());
        in.put("received_at", u.receivedAt().toString());
      }
      inputs.add(in);
    }
    m.put("inputs", inputs);
    m.put("current", run.id().equals(region.currentRunId()));
    if (detailed) {
      m.put("profile_definition", profileDefinition(run));
    }
    String self = runsUrl(base, region) + "/" + run.id().value();
    String collection = base + "/collections/" + RequestUrls.segment(region.id().value());
    List<Link> links = new ArrayList<>();
    links.add(new Link(self, detailed ? "self" : "item", ApiMediaTypes.JSON, null));
    links.add(
        new Link(
            collection + "/items?run=" + run.id().value(),
            "items",
            ApiMediaTypes.GEO_JSON,
            "The neighborhoods as scored in this run"));
    links.add(
        new Link(
            base
                + "/regions/"
                + RequestUrls.segment(region.id().value())
                + "/priorities?run="
                + run.id().value(),
            "priorities",
            ApiMediaTypes.JSON,
            "Priority list of this run"));
    if (region.currentRunId() != null && !run.id().equals(region.currentRunId())) {
      links.add(
          new Link(
              self + "/diff/" + region.currentRunId().value(),
              "diff-current",
              ApiMediaTypes.JSON,
              "What changed from this run to the current one"));
    }
    m.put("links", links(links));
    return m;
  }

  private static Object profileDefinition(Run run) {
    Optional<String> stored = run.profileDefinitionJson();
    try {
      if (stored.isPresent()) {
        return GeoJsonValue.of(MAPPER.readTree(stored.get()));
      }
    } catch (java.io.IOException e) {
      return null;
    }
    return ScoringProfiles.of(run).map(p -> GeoJsonValue.of(ScoringProfiles.tree(p))).orElse(null);
  }

  static Map<String, Object> diff(String base, Region region, RunDiff diff) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("region", region.id().value());
    doc.put("from", runSummary(diff.from()));
    doc.put("to", runSummary(diff.to()));
    doc.put("changed_count", diff.changes().size());
    doc.put("unchanged_count", diff.unchanged());
    List<Object> changes = new ArrayList<>();
    for (RunDiff.Change c : diff.changes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id().value());
      m.put("name", c.name());
      m.put("rank_from", c.rankFrom());
      m.put("rank_to", c.rankTo());
      m.put("rank_change", c.rankChange());
      m.put("gap_score_from", round(c.scoreFrom()));
      m.put("gap_score_to", round(c.scoreTo()));
      m.put("gap_score_change", round(c.scoreChange()));
      changes.add(m);
    }
    doc.put("changes", changes);
    String runs = runsUrl(base, region);
    doc.put(
        "links",
        links(
            List.of(
                new Link(
                    runs + "/" + diff.from().id().value() + "/diff/" + diff.to().id().value(),
                    "self",
                    ApiMediaTypes.JSON,
                    null),
                new Link(runs, "runs", ApiMediaTypes.JSON, "Run history"))));
    return doc;
  }

  private static Map<String, Object> runSummary(Run run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", run.id().value());
    m.put("profile", run.profile());
    m.put("created_at", run.createdAt().toString());
    return m;
  }

  static Map<String, Object> priorities(String self, Region region, PriorityList list) {
    Run run = list.run().run();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("region", region.id().value());
    doc.put("run_id", run.id().value());
    doc.put("profile", run.profile());
    doc.put("computed_at", run.createdAt().toString());
    doc.put("top", list.top());
    doc.put("totals", totals(list.totals()));
    List<Object> neighborhoods = new ArrayList<>();
    for (PriorityList.Entry e : list.entries()) {
      ScoredFeature f = e.feature();
      var v = f.score().indicators();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", e.rank());
      m.put("id", f.neighborhood().id().value());
      m.put("name", f.neighborhood().name());
      m.put("borough", f.neighborhood().borough());
      m.put("gap_score", round(f.score().gapScore()));
      m.put("households", v.value("households").orElse(null));
      m.put("households_affected", e.householdsAffected());
      m.put("population", v.value("population").orElse(null));
      m.put("home_broadband_adoption", v.value("home_broadband_adoption").orElse(null));
      m.put("mobile_broadband_adoption", v.value("mobile_broadband_adoption").orElse(null));
      if (e.locationsAffected() != null
          || e.suppressed().containsKey("unserved_share")
          || e.suppressed().containsKey("underserved_share")) {
        m.put("locations", v.value("bsl_count").orElse(null));
        m.put("locations_affected", e.locationsAffected());
      }
      m.put("reasons", e.reasons());
      Map<String, Object> contributions = new LinkedHashMap<>();
      e.publishedContributions().forEach((k, c) -> contributions.put(k, round(c)));
      m.put("contributions", contributions);
      m.put("missing_indicators", f.score().missingIndicators());
      m.put("suppressed", e.suppressed());
      m.put("sources", FeatureProperties.sources(f.sources()));
      neighborhoods.add(m);
    }
    doc.put("neighborhoods", neighborhoods);
    doc.put(
        "links",
        links(
            List.of(
                new Link(self, "self", ApiMediaTypes.JSON, null),
                new Link(
                    self + (self.contains("?") ? "&" : "?") + "f=csv",
                    "alternate",
                    "text/csv",
                    "This list as CSV"))));
    return doc;
  }

  private static Map<String, Object> totals(Totals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("neighborhoods", t.neighborhoods());
    m.put("households", t.households());
    m.put("population", t.population());
    m.put("no_home_broadband_households", t.noHomeBroadbandHouseholds());
    m.put("home_broadband_adoption_weighted", round4(t.homeBroadbandAdoptionWeighted()));
    m.put("mobile_broadband_adoption_weighted", round4(t.mobileBroadbandAdoptionWeighted()));
    m.put("locations", t.locations());
    m.put("unserved_underserved_locations", t.unservedUnderservedLocations());
    return m;
  }

  static String runsUrl(String base, Region region) {
    return base + "/regions/" + RequestUrls.segment(region.id().value()) + "/runs";
  }

  private static List<Object> links(List<Link> links) {
    List<Object> list = new ArrayList<>();
    for (Link l : links) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("href", l.href());
      m.put("rel", l.rel());
      m.put("type", l.type());
      if (l.title() != null) {
        m.put("title", l.title());
      }
      list.add(m);
    }
    return list;
  }

  private static Double round(Double v) {
    return v == null
        ? null
        : java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  private static Double round4(Double v) {
    return v == null
        ? null
        : java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
  }
}
