package org.gapmap.api;

import org.gapmap.core.export.CsvExporter;
import org.gapmap.core.export.FlatGeobufExporter;

/** Media types the API answers with. Constants only. */
public final class ApiMediaTypes {
  /** GeoJSON (RFC 7946). */
  public static final String GEO_JSON = "application/geo+json";

  /** Plain JSON, for every document that is not GeoJSON. */
  public static final String JSON = "application/json";

  /** HTML pages: the map and a page for every resource. */
  public static final String HTML = "text/html";

  /** CSV for spreadsheets (UTF-8 with a byte-order mark, CRLF, a header row). */
  public static final String CSV = "text/csv";

  /** FlatGeobuf downloads. */
  public static final String FLATGEOBUF = FlatGeobufExporter.MEDIA_TYPE;

  /** The OpenAPI 3.0 description at {@code /api}. */
  public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

  /** {@link #CSV} with the parameters of what is sent. */
  static final String CSV_SENT = CsvExporter.MEDIA_TYPE;

  /** {@link #HTML} with the parameters of what is sent. */
  static final String HTML_SENT = HTML + ";charset=utf-8";

  private ApiMediaTypes() {}
}
