package org.gapmap.api;

/** Media types the API answers with. Constants only. */
public final class ApiMediaTypes {
  /** GeoJSON (RFC 7946). */
  public static final String GEO_JSON = "application/geo+json";

  /** Plain JSON, for every document that is not GeoJSON. */
  public static final String JSON = "application/json";

  /** The map page. */
  public static final String HTML = "text/html";

  private ApiMediaTypes() {}
}
