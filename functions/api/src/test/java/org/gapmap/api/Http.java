package org.gapmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A small HTTP client for tests. Thread-safe. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  HttpResponse<byte[]> get(String pathOrUrl, String... headers) {
    return send(request(pathOrUrl, headers).GET().build());
  }

  HttpResponse<byte[]> send(String method, String pathOrUrl, String... headers) {
    return send(
        request(pathOrUrl, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  HttpResponse<String> post(String pathOrUrl, byte[] body) {
    try {
      // A connection of its own: the server may close it after refusing the body.
      return HttpClient.newHttpClient()
          .send(
              request(pathOrUrl).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String contentType(HttpResponse<byte[]> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  private HttpRequest.Builder request(String pathOrUrl, String... headers) {
    URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
