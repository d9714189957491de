package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map page in headless Chromium (Debian {@code chromium}), offline (no base-map tiles): one
 * shape per neighborhood, the ranked list, a click on a shape opens a popup with its indicators and
 * contributions, the embeddable mode shows the map alone, and no script error happens on the way.
 * The screenshot it takes is the README's ({@code -Dgapmap.screenshot=docs} writes it to {@code
 * docs/map.png}; otherwise it goes to {@code target/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageIT {
  private static final Duration LOADING = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RANKED = 188;

  private DevTools browser;

  @BeforeAll
  void launch() throws Exception {
    Path chromium = ExternalTool.require("/usr/bin/chromium", "Debian package chromium");
    browser = DevTools.launch(chromium, 1280, 800);
  }

  @AfterAll
  void close() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void drawsEveryNeighborhoodAndTheRankingAndExplainsAClickedOne() throws Exception {
    browser.navigate(DemoServer.base() + "/collections/" + DemoServer.REGION + "/map");
    browser.await(
        "one shape per neighborhood",
        LOADING,
        () -> count("path.leaflet-interactive") == DemoServer.FEATURES);
    browser.await("the ranked list", LOADING, () -> count("#ranking tr") == RANKED);
    assertThat(text("#ranking tr:first-child td:nth-child(1)")).isEqualTo("1");
    assertThat(count("#legend .legend-row")).isEqualTo(6);
    assertThat(text("#status")).contains(DemoServer.FEATURES + " neighborhoods");
    browser.await(
        "the run chooser, filled from the region's run history",
        LOADING,
        () -> count("#run-chooser:not([hidden])") == 1);
    assertThat(count("#run-chooser option"))
        .as("at least the current run and its profile")
        .isGreaterThanOrEqualTo(2);

    JsonNode point =
        browser.evaluate(
            "(() => { for (const p of document.querySelectorAll('path.leaflet-interactive')) {"
                + " const r = p.getBoundingClientRect(); const x = r.left + r.width / 2,"
                + " y = r.top + r.height / 2; if (r.width > 20 && document.elementFromPoint(x, y) === p)"
                + " return {x, y}; } return null; })()");
    assertThat(point.isNull()).as("a shape whose centre is on it").isFalse();
    browser.click(point.get("x").asDouble(), point.get("y").asDouble());
    browser.await("the popup", LOADING, () -> count(".leaflet-popup-content h3") == 1);
    String popup = text(".leaflet-popup-content");
    assertThat(popup)
        .contains("Gap score")
        .contains("Households")
        .contains("Home broadband adoption");
    String name = text(".leaflet-popup-content h3");
    assertThat(name).isNotBlank();
    if (!popup.contains("not ranked")) {
      assertThat(popup).contains("Contributions to the gap score");
      assertThat(text("#ranking tr.selected td:nth-child(2)")).isEqualTo(name);
    }
    assertThat(text("#details h3")).isEqualTo(name);

    browser.await(
        "the popup to finish fading in",
        LOADING,
        () -> {
          try {
            return browser
                .evaluate(
                    "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
                .asBoolean();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    byte[] png = browser.screenshot();
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    Files.write(screenshotFile(), png);
    assertThat(browser.errors()).as("script errors on the page").isEmpty();
  }

  @Test
  void embeddedModeShowsTheMapAloneAndOffersTheFullMap() throws Exception {
    browser.navigate(DemoServer.base() + "/collections/" + DemoServer.REGION + "/map?embed=1");
    browser.await(
        "one shape per neighborhood",
        LOADING,
        () -> count("path.leaflet-interactive") == DemoServer.FEATURES);
    assertThat(
            browser.evaluate("getComputedStyle(document.querySelector('header')).display").asText())
        .isEqualTo("none");
    assertThat(
            browser.evaluate("getComputedStyle(document.querySelector('aside')).display").asText())
        .isEqualTo("none");
    assertThat(count("#legend")).isEqualTo(1);
    browser.await("the link to the full map", LOADING, () -> count("a.legend[target=_blank]") == 1);

    browser.navigate(DemoServer.base() + "/collections/" + DemoServer.REGION + "/map");
    browser.await(
        "the map", LOADING, () -> count("path.leaflet-interactive") == DemoServer.FEATURES);
    String snippet = browser.evaluate("document.getElementById('embed-code').value").asText();
    assertThat(snippet)
        .startsWith(
            "<iframe src=\""
                + DemoServer.base()
                + "/collections/"
                + DemoServer.REGION
                + "/map?embed=1\"")
        .endsWith("</iframe>");
    assertThat(browser.errors()).as("script errors on the page").isEmpty();
  }

  /**
   * With the region's run history served (here answered in the browser, in the shape the runs
   * endpoint returns), the page offers a profile and run chooser, and choosing the older run shows
   * its scores and pins the page's URL and embed snippet to it.
   */
  @Test
  void runChooserShowsAnEarlierRun(@TempDir Path work) throws Exception {
    Path data = work.resolve("data");
    try (ServedJar server = ServedJar.start(ServedJar.jar(), data, work.resolve("serve.log"))) {
      String base = "http://localhost:" + server.port();
      String items = base + "/collections/" + DemoServer.REGION + "/items?limit=1";
      JsonNode first = JSON.readTree(DemoServer.get(items)).at("/features/0/properties");
      CliRun rescore =
          CliRun.of(
              "score",
              DemoServer.REGION,
              "--profile",
              "home-adoption",
              "--data-dir",
              data.toString());
      assertThat(rescore.exitCode()).as(rescore.toString()).isZero();
      JsonNode second = JSON.readTree(DemoServer.get(items)).at("/features/0/properties");
      assertThat(second.get("run_id").asText()).isNotEqualTo(first.get("run_id").asText());

      String runs =
          JSON.writeValueAsString(
              Map.of(
                  "region",
                  DemoServer.REGION,
                  "current_run_id",
                  second.get("run_id").asText(),
                  "runs",
                  List.of(run(second, true), run(first, false))));
      browser.answer("*/regions/" + DemoServer.REGION + "/runs*", runs);
      try {
        chooseTheEarlierRun(base, first, second);
      } finally {
        browser.stopAnswering();
      }
    }
  }

  private void chooseTheEarlierRun(String base, JsonNode first, JsonNode second) throws Exception {
    browser.navigate(base + "/collections/" + DemoServer.REGION + "/map");
    browser.await(
        "the run chooser",
        LOADING,
        () ->
            count("#profile option") == 2
                && count("path.leaflet-interactive") == DemoServer.FEATURES);
    assertThat(text("#status")).contains(second.get("profile").asText());

    browser.evaluate(
        "(() => { const s = document.getElementById('profile'); s.value = '"
            + first.get("profile").asText()
            + "'; s.dispatchEvent(new Event('change')); })()");
    browser.await(
        "the earlier run's features",
        LOADING,
        () -> {
          try {
            return text("#status").contains(first.get("profile").asText());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(browser.evaluate("location.search").asText())
        .isEqualTo("?run=" + first.get("run_id").asText());
    assertThat(browser.evaluate("document.getElementById('embed-code').value").asText())
        .contains("/map?run=" + first.get("run_id").asText() + "&embed=1");
    assertThat(browser.errors()).as("script errors on the page").isEmpty();
  }

  private static Map<String, Object> run(JsonNode properties, boolean current) {
    return Map.of(
        "run_id", properties.get("run_id").asText(),
        "profile", properties.get("profile").asText(),
        "status", "PUBLISHED",
        "created_at", properties.get("computed_at").asText(),
        "inputs", List.of(),
        "current", current);
  }

  private int count(String selector) {
    try {
      return browser.evaluate("document.querySelectorAll('" + selector + "').length").asInt();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String text(String selector) throws Exception {
    return browser
        .evaluate("(document.querySelector('" + selector + "') || {}).textContent || ''")
        .asText();
  }

  private static Path screenshotFile() throws Exception {
    Path dir =
        "docs".equals(System.getProperty("gapmap.screenshot"))
            ? Path.of(System.getProperty("gapmap.docs", "../docs"))
            : Path.of("target");
    Files.createDirectories(dir);
    return dir.resolve("map.png");
  }
}
