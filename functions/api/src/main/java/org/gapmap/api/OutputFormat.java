package org.gapmap.api;

import java.util.List;

/** A representation a resource can be asked for, by {@code f=} or by {@code Accept}. Immutable. */
enum OutputFormat {
  GEOJSON(
      "json", List.of(ApiMediaTypes.GEO_JSON, ApiMediaTypes.JSON), List.of("geojson"), "GeoJSON"),
  JSON("json", List.of(ApiMediaTypes.JSON), List.of(), "JSON"),
  OPENAPI(
      "json",
      List.of(
          ApiMediaTypes.OPENAPI,
          "application/vnd.oai.openapi+json",
          "application/openapi+json",
          ApiMediaTypes.JSON),
      List.of(),
      "OpenAPI 3.0"),
  CSV("csv", List.of(ApiMediaTypes.CSV), List.of(), "CSV"),
  FLATGEOBUF("fgb", List.of(ApiMediaTypes.FLATGEOBUF), List.of("flatgeobuf"), "FlatGeobuf"),
  HTML("html", List.of(ApiMediaTypes.HTML, "application/xhtml+xml"), List.of(), "HTML");

  private final String f;
  private final List<String> mediaTypes;
  private final List<String> aliases;
  private final String title;

  OutputFormat(String f, List<String> mediaTypes, List<String> aliases, String title) {
    this.f = f;
    this.mediaTypes = mediaTypes;
    this.aliases = aliases;
    this.title = title;
  }

  /** The value of {@code f} that asks for this format. */
  String f() {
    return f;
  }

  /** The media type sent, as written in links. */
  String mediaType() {
    return mediaTypes.get(0);
  }

  /** Every media type (without parameters) in {@code Accept} that this format satisfies. */
  List<String> acceptedAs() {
    return mediaTypes;
  }

  /** The {@code Content-Type} sent, with its parameters. */
  String contentType() {
    return switch (this) {
      case CSV -> ApiMediaTypes.CSV_SENT;
      case HTML -> ApiMediaTypes.HTML_SENT;
      default -> mediaType();
    };
  }

  /** A short name for link titles. */
  String title() {
    return title;
  }

  /** Whether {@code value} of {@code f} names this format. */
  boolean isNamed(String value) {
    return f.equals(value) || aliases.contains(value);
  }

  /** File name extension of a download. */
  String extension() {
    return switch (this) {
      case GEOJSON -> "geojson";
      case CSV -> "csv";
      case FLATGEOBUF -> "fgb";
      case HTML -> "html";
      default -> "json";
    };
  }
}
