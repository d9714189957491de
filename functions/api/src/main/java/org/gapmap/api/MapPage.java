package org.gapmap.api;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The map page, read once from the classpath. When {@code gapmap.map.tiles-url} is set, the page
 * shows that tile layer under the neighborhoods (the {@code tiles} query parameter of the page
 * overrides it). Immutable and thread-safe.
 */
@Singleton
final class MapPage {
  static final String RESOURCE = "public/index.html";
  private static final String TILES_PLACEHOLDER = "<meta name=\"gapmap-tiles\" content=\"\">";
  private static final String ATTRIBUTION_PLACEHOLDER =
      "<meta name=\"gapmap-tiles-attribution\" content=\"\">";

  private final byte[] html;

  MapPage(
      @Value("${gapmap.map.tiles-url:}") String tilesUrl,
      @Value("${gapmap.map.tiles-attribution:}") String tilesAttribution) {
    String page = read();
    page =
        page.replace(
            TILES_PLACEHOLDER,
            "<meta name=\"gapmap-tiles\" content=\"" + HtmlPages.e(tilesUrl) + "\">");
    page =
        page.replace(
            ATTRIBUTION_PLACEHOLDER,
            "<meta name=\"gapmap-tiles-attribution\" content=\""
                + HtmlPages.e(tilesAttribution)
                + "\">");
    this.html = page.getBytes(StandardCharsets.UTF_8);
  }

  /** The page's bytes; callers must not modify them. */
  byte[] html() {
    return html;
  }

  private static String read() {
    try (InputStream in = MapPage.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the map page " + RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the map page", e);
    }
  }
}
