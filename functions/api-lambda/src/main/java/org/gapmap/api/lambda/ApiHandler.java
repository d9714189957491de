package org.gapmap.api.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The API Lambda handler ({@code org.gapmap.api.lambda.ApiHandler}): API Gateway HTTP API events
 * (payload 2.0) are routed to the API's controllers. The application context, the DynamoDB client
 * and the table check are set up in the constructor, in Lambda's init phase; each region's current
 * run is loaded once per container and reloaded when its current-run pointer moves.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {
  /** Used by Lambda: configuration from the environment ({@code GAPMAP_TABLE}, ...). */
  public ApiHandler() {
    super();
  }

  /** Used by tests: beans from {@code context}. */
  public ApiHandler(ApplicationContext context) {
    super(context);
  }
}
