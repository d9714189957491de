package org.gapmap.store.dynamodb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.ScoreStoreContract;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store contract on LocalStack's DynamoDB in a container, where a Docker engine exists; skipped
 * with the reason printed where none does.
 */
class LocalStackScoreStoreTest extends ScoreStoreContract {
  private static LocalStackContainer localstack;
  private final List<DynamoDbClient> clients = new ArrayList<>();

  @BeforeAll
  static void startLocalStack() {
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    if (!docker) {
      System.out.println(
          "LocalStackScoreStoreTest skipped: no Docker engine here (the same contract runs on"
              + " dynalite in DynamoDbScoreStoreTest)");
    }
    assumeTrue(docker, "no Docker engine: LocalStack cannot run");
    localstack =
        new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.DYNAMODB);
    localstack.start();
  }

  @AfterAll
  static void stopLocalStack() {
    if (localstack != null) {
      localstack.stop();
    }
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  @Override
  protected ScoreStore newStore() {
    DynamoDbClient client =
        DynamoDbClients.create(
            localstack.getEndpointOverride(LocalStackContainer.Service.DYNAMODB),
            localstack.getRegion());
    clients.add(client);
    return DynamoDbScoreStore.open(
        client, DynamoDbStoreConfig.of(Dynalite.uniqueTableName("localstack"), true));
  }
}
