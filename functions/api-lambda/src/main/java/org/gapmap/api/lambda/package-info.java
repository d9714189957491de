/**
 * The API as a Lambda function behind an API Gateway HTTP API (payload 2.0): the same controllers
 * as the local server, on the DynamoDB store. {@link org.gapmap.api.lambda.ApiHandler} is the
 * handler.
 */
package org.gapmap.api.lambda;
