package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the server. */
class GapmapServerTest {
  @TempDir Path dataDir;

  @Test
  void startsOnAFreePortAndLeavesTheStoreOpenWhenClosed() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir)) {
      GapmapServer server = GapmapServer.start(store, 0);
      try {
        assertThat(server.port()).isPositive();
        assertThat(server.uri().getPort()).isEqualTo(server.port());
        assertThat(new Http(server.uri()).get("/conformance").statusCode()).isEqualTo(200);
      } finally {
        server.close();
      }
      server.close();

      assertThat(store.regions()).isEmpty();
    }
  }

  @Test
  void failuresAreGenericJsonErrors() {
    SqliteScoreStore store = SqliteScoreStore.open(dataDir);
    try (GapmapServer server = GapmapServer.start(store, 0)) {
      store.close();

      java.net.http.HttpResponse<byte[]> response = new Http(server.uri()).get("/collections");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(Http.contentType(response)).startsWith("application/json");
      assertThat(Http.json(response).get("description").asText())
          .isEqualTo("internal server error");
    }
  }

  @Test
  void refusesPortsOutOfRange() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir)) {
      assertThatThrownBy(() -> GapmapServer.start(store, 70_000))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
