package org.gapmap.store.dynamodb;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds DynamoDB clients on the url-connection HTTP client (small and quick to start, which is
 * what a Lambda function wants). Stateless.
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  /**
   * A client for AWS (region and credentials from the default provider chains) or, with {@code
   * endpoint}, for a DynamoDB-compatible server there. A server on a loopback address gets static
   * dummy credentials and, unless {@code region} says otherwise, {@code us-east-1}.
   *
   * @param endpoint a server to talk to instead of AWS, or {@code null}
   * @param region the AWS region, or {@code null} for the default chain
   * @param interceptors observers of every request (tests, metrics)
   */
  public static DynamoDbClient create(
      URI endpoint, String region, ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD)
            .apiCallAttemptTimeout(Duration.ofSeconds(10));
    for (ExecutionInterceptor interceptor : interceptors) {
      override.addExecutionInterceptor(Objects.requireNonNull(interceptor, "interceptor"));
    }
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(override.build());
    boolean local = endpoint != null && isLoopback(endpoint);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    if (region != null) {
      builder.region(Region.of(region));
    } else if (local) {
      builder.region(Region.US_EAST_1);
    } else {
      builder.region(defaultRegion());
    }
    builder.credentialsProvider(
        local
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
            : DefaultCredentialsProvider.builder().build());
    return builder.build();
  }

  private static Region defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "no AWS region configured: pass one (--region) or set AWS_REGION", e);
    }
  }

  private static boolean isLoopback(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      throw new IllegalArgumentException("DynamoDB endpoint has no host: " + endpoint);
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      // A host that does not resolve is no loopback address; the first request reports it.
      return false;
    }
  }
}
