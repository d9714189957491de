package org.gapmap.infra;

import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What the stack is built from: the packaged code of the two functions, the handlers inside them,
 * and the ordinary stack properties (account, region, tags).
 *
 * @param ingestCode the ingest function's jar
 * @param ingestHandler its handler class ({@code package.Class} or {@code package.Class::method})
 * @param apiCode the API function's jar
 * @param apiHandler its handler class
 * @param stackProps account, region and tags; may be {@code null}
 */
public record GapmapStackProps(
    Code ingestCode, String ingestHandler, Code apiCode, String apiHandler, StackProps stackProps) {
  /** Handler of the ingest function jar built by {@code functions/ingest}. */
  public static final String DEFAULT_INGEST_HANDLER = "org.gapmap.ingest.IngestHandler";

  /** Handler of the API function jar built by {@code functions/api-lambda}. */
  public static final String DEFAULT_API_HANDLER = "org.gapmap.api.lambda.ApiHandler";

  public GapmapStackProps {
    Objects.requireNonNull(ingestCode, "ingestCode");
    Objects.requireNonNull(ingestHandler, "ingestHandler");
    Objects.requireNonNull(apiCode, "apiCode");
    Objects.requireNonNull(apiHandler, "apiHandler");
  }
}
