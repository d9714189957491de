package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;
import static org.gapmap.store.dynamodb.TableLayout.GSI1;
import static org.gapmap.store.dynamodb.TableLayout.GSI1PK;
import static org.gapmap.store.dynamodb.TableLayout.PK;
import static org.gapmap.store.dynamodb.TableLayout.SK;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link ScoreStore} on one DynamoDB table laid out as {@link TableLayout} describes.
 *
 * <p>Writes that must not be lost or doubled are conditional: a region, run or upload is put only
 * if absent ({@code attribute_not_exists(PK)}; an upload's key is its content hash, so the same
 * file twice is stored once), a run's status moves only from BUILDING, and the region's current-run
 * pointer moves only if the region's {@code version} is still the one the writer read (optimistic
 * locking). Bulk writes (neighborhoods, scores) go through BatchWriteItem, 25 items a call, in
 * parallel, with unprocessed items retried. No transactions are used.
 *
 * <p>Beyond the port's contract: writes naming an unknown region or run throw {@link
 * NoSuchElementException}; {@link #createRun} of an existing run throws {@link
 * StoreConflictException}; timestamps are kept to the millisecond; geometries and upload bodies are
 * compressed and split over several items when large; DynamoDB failures throw the SDK's exceptions
 * or {@link DynamoDbStoreException}.
 *
 * <p>Reads of the base table are strongly consistent. Region listings and {@link #topRanked} read
 * the index, which is eventually consistent on AWS.
 *
 * <p>Thread-safe. The store does not own the client: whoever built it closes it after the store.
 */
public final class DynamoDbScoreStore implements ScoreStore {
  private static final String READY = "ready";
  private static final String VERSION = "version";
  private static final String CURRENT_RUN = "currentRunId";
  private static final String UPLOAD_SEQ = "uploadSeq";
  private static final String STATUS = "status";
  private static final String REGISTRATION = "registration";

  /** How long a registration that has not finished blocks another one of the same region. */
  static final Duration STALE_REGISTRATION = Duration.ofMinutes(15);

  private final DynamoDbClient client;
  private final String table;
  private final ExecutorService writers;
  private final BatchWriter batches;
  private final Blobs blobs;
  private final AtomicBoolean closed = new AtomicBoolean();

  DynamoDbScoreStore(DynamoDbClient client, DynamoDbStoreConfig config, int blobInlineLimit) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = config.tableName();
    this.writers = Executors.newFixedThreadPool(config.writeThreads(), daemonThreads());
    this.batches =
        new BatchWriter(client, writers, config.backoff(), d -> Thread.sleep(d.toMillis()));
    this.blobs = new Blobs(blobInlineLimit);
  }

  /**
   * A store on the configured table, creating it first if it is absent and the configuration says
   * so.
   *
   * @throws DynamoDbStoreException if the table does not exist and may not be created, or does not
   *     become active in time
   */
  public static DynamoDbScoreStore open(DynamoDbClient client, DynamoDbStoreConfig config) {
    TableSetup.ensureTable(client, config);
    return new DynamoDbScoreStore(client, config, Blobs.DEFAULT_INLINE_LIMIT);
  }

  /** The table name. */
  public String tableName() {
    return table;
  }

  // Regions

  /**
   * {@inheritDoc}
   *
   * <p>The region item is written first, marked not ready, then the neighborhoods, then the mark is
   * lifted; readers see the region only once it is ready. A registration that died half-way (its
   * {@code createdAt} more than {@link #STALE_REGISTRATION} before this one's) is taken over and
   * its leftover neighborhoods removed; one still in progress is a conflict.
   */
  @Override
  public void createRegion(Region region, List<Neighborhood> neighborhoods) {
    Objects.requireNonNull(region, "region");
    requireDistinctIds(neighborhoods);
    checkOpen();
    String pk = TableLayout.regionPk(region.id());
    String token = UUID.randomUUID().toString();
    Map<String, AttributeValue> meta = RegionItems.meta(region);
    meta.put(READY, Attributes.bool(false));
    meta.put(REGISTRATION, s(token));
    Map<String, AttributeValue> previous;
    try {
      previous =
          client
              .putItem(
                  b ->
                      b.tableName(table)
                          .item(meta)
                          .conditionExpression(
                              "attribute_not_exists(#pk) OR (#ready = :false AND #created < :stale)")
                          .expressionAttributeNames(
                              Map.of("#pk", PK, "#ready", READY, "#created", "createdAt"))
                          .expressionAttributeValues(
                              Map.of(
                                  ":false",
                                  Attributes.bool(false),
                                  ":stale",
                                  n(region.createdAt().minus(STALE_REGISTRATION).toEpochMilli())))
                          .returnValues(ReturnValue.ALL_OLD))
              .attributes();
    } catch (ConditionalCheckFailedException e) {
      throw new StoreConflictException(
          "region "
              + region.id()
              + " exists already (or is being registered; a registration that failed can be"
              + " retried "
              + STALE_REGISTRATION.toMinutes()
              + " minutes after it started)");
    }
    if (previous != null && !previous.isEmpty()) {
      removeLeftovers(pk, neighborhoods);
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (Neighborhood neighborhood : neighborhoods) {
      Blobs.Encoded geometry = blobs.encode(pk, GeometryCodec.encode(neighborhood.geometry()));
      items.addAll(geometry.parts());
      items.add(RegionItems.neighborhood(region.id(), neighborhood, geometry.pointer()));
    }
    batches.putAll(table, items);
    try {
      client.updateItem(
          b ->
              b.tableName(table)
                  .key(key(pk, TableLayout.META))
                  .updateExpression("SET #ready = :true")
                  .conditionExpression("#registration = :token")
                  .expressionAttributeNames(Map.of("#ready", READY, "#registration", REGISTRATION))
                  .expressionAttributeValues(
                      Map.of(":true", Attributes.bool(true), ":token", s(token))));
    } catch (ConditionalCheckFailedException e) {
      throw new StoreConflictException(
          "region " + region.id() + " was taken over by another registration meanwhile");
    }
  }

  /** Deletes the neighborhoods a failed registration left that the new one does not have. */
  private void removeLeftovers(String pk, List<Neighborhood> neighborhoods) {
    Set<String> keep = new HashSet<>();
    neighborhoods.forEach(n -> keep.add(TableLayout.neighborhoodSk(n.id())));
    for (Map<String, AttributeValue> item : beginsWith(pk, TableLayout.NEIGHBORHOOD_PREFIX)) {
      String sk = item.get(SK).s();
      if (!keep.contains(sk)) {
        client.deleteItem(b -> b.tableName(table).key(key(pk, sk)));
      }
    }
  }

  @Override
  public Optional<Region> region(RegionId id) {
    Objects.requireNonNull(id, "id");
    return readyMeta(id).map(RegionItems::region);
  }

  @Override
  public List<Region> regions() {
    checkOpen();
    List<Region> regions = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        query(
            QueryRequest.builder()
                .indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(TableLayout.REGIONS))))) {
      if (isReady(item)) {
        regions.add(RegionItems.region(item));
      }
    }
    regions.sort(Comparator.comparing(Region::id));
    return regions;
  }

  @Override
  public List<Neighborhood> neighborhoods(RegionId id) {
    Objects.requireNonNull(id, "id");
    if (readyMeta(id).isEmpty()) {
      return List.of();
    }
    String pk = TableLayout.regionPk(id);
    List<Neighborhood> result = new ArrayList<>();
    for (Map<String, AttributeValue> item : beginsWith(pk, TableLayout.NEIGHBORHOOD_PREFIX)) {
      result.add(RegionItems.neighborhood(item, blob(pk, item)));
    }
    result.sort(Comparator.comparing(Neighborhood::id));
    return result;
  }

  // Uploads

  @Override
  public boolean putUpload(UploadRecord upload) {
    Objects.requireNonNull(upload, "upload");
    String pk = TableLayout.regionPk(upload.regionId());
    if (readyMeta(upload.regionId()).isEmpty()) {
      throw new NoSuchElementException("no region " + upload.regionId());
    }
    if (get(pk, TableLayout.uploadSk(upload.id())).isPresent()) {
      return false;
    }
    // The region's upload counter orders uploads received in the same millisecond.
    long seq =
        Attributes.longValue(
            client
                .updateItem(
                    b ->
                        b.tableName(table)
                            .key(key(pk, TableLayout.META))
                            .updateExpression("ADD #seq :one")
                            .conditionExpression("attribute_exists(#pk)")
                            .expressionAttributeNames(Map.of("#seq", UPLOAD_SEQ, "#pk", PK))
                            .expressionAttributeValues(Map.of(":one", n(1)))
                            .returnValues(ReturnValue.UPDATED_NEW))
                .attributes(),
            UPLOAD_SEQ);
    Blobs.Encoded body =
        blobs.encode(
            pk, Compression.deflate(JsonValues.uploadBody(upload.report(), upload.indicators())));
    batches.putAll(table, body.parts());
    try {
      client.putItem(
          b ->
              b.tableName(table)
                  .item(UploadItems.item(upload, seq, body.pointer()))
                  .conditionExpression("attribute_not_exists(#pk)")
                  .expressionAttributeNames(Map.of("#pk", PK)));
      return true;
    } catch (ConditionalCheckFailedException storedMeanwhile) {
      for (Map<String, AttributeValue> part : body.parts()) {
        client.deleteItem(b -> b.tableName(table).key(key(pk, part.get(SK).s())));
      }
      return false;
    }
  }

  @Override
  public Optional<UploadRecord> upload(RegionId regionId, UploadId uploadId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(uploadId, "uploadId");
    String pk = TableLayout.regionPk(regionId);
    return get(pk, TableLayout.uploadSk(uploadId))
        .map(item -> UploadItems.upload(item, blob(pk, item)));
  }

  @Override
  public List<UploadRecord> uploads(RegionId regionId) {
    Objects.requireNonNull(regionId, "regionId");
    String pk = TableLayout.regionPk(regionId);
    List<Map<String, AttributeValue>> items = beginsWith(pk, TableLayout.UPLOAD_PREFIX);
    items.sort(
        Comparator.comparingLong(
                (Map<String, AttributeValue> i) -> Attributes.longValue(i, UploadItems.RECEIVED_AT))
            .thenComparingLong(i -> Attributes.longValue(i, UploadItems.SEQ)));
    return items.stream().map(item -> UploadItems.upload(item, blob(pk, item))).toList();
  }

  // Crosswalks

  @Override
  public void putCrosswalk(Crosswalk crosswalk) {
    Objects.requireNonNull(crosswalk, "crosswalk");
    String pk = TableLayout.regionPk(crosswalk.regionId());
    if (readyMeta(crosswalk.regionId()).isEmpty()) {
      throw new NoSuchElementException("no region " + crosswalk.regionId());
    }
    String sk = TableLayout.crosswalkSk(crosswalk.name());
    Optional<Map<String, AttributeValue>> previous = get(pk, sk);
    Blobs.Encoded body = blobs.encode(pk, Compression.deflate(CrosswalkItems.body(crosswalk)));
    batches.putAll(table, body.parts());
    client.putItem(b -> b.tableName(table).item(CrosswalkItems.item(crosswalk, body.pointer())));
    // the replaced crosswalk's parts, if it had any, are no longer referenced
    previous
        .filter(Blobs::isSplit)
        .ifPresent(
            old -> {
              for (Map<String, AttributeValue> part : beginsWith(pk, Blobs.partPrefix(old))) {
                client.deleteItem(b -> b.tableName(table).key(key(pk, part.get(SK).s())));
              }
            });
  }

  @Override
  public Optional<Crosswalk> crosswalk(RegionId regionId, String name) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(name, "name");
    String pk = TableLayout.regionPk(regionId);
    return get(pk, TableLayout.crosswalkSk(name))
        .map(item -> CrosswalkItems.crosswalk(item, blob(pk, item)));
  }

  // Runs

  @Override
  public void createRun(Run run) {
    Objects.requireNonNull(run, "run");
    if (readyMeta(run.regionId()).isEmpty()) {
      throw new NoSuchElementException("no region " + run.regionId());
    }
    try {
      client.putItem(
          b ->
              b.tableName(table)
                  .item(RunItems.item(run))
                  .conditionExpression("attribute_not_exists(#pk)")
                  .expressionAttributeNames(Map.of("#pk", PK)));
    } catch (ConditionalCheckFailedException e) {
      throw new StoreConflictException(
          "run " + run.id() + " of region " + run.regionId() + " exists already");
    }
  }

  @Override
  public void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(scores, "scores");
    RunStatus status = requireRun(regionId, runId).status();
    if (status != RunStatus.BUILDING) {
      throw new IllegalStateException(
          "run "
              + runId
              + " of region "
              + regionId
              + " is "
              + status
              + "; scores can only be written while it is BUILDING");
    }
    batches.putAll(
        table, scores.stream().map(score -> ScoreItems.item(regionId, runId, score)).toList());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException unless the run is BUILDING and {@code status} is PUBLISHED or
   *     FAILED
   * @throws NoSuchElementException if the region has no such run
   */
  @Override
  public void setRunStatus(RegionId regionId, RunId runId, RunStatus status) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    if (status == RunStatus.BUILDING) {
      throw badTransition(regionId, runId, requireRun(regionId, runId).status(), status);
    }
    try {
      client.updateItem(
          b ->
              b.tableName(table)
                  .key(key(TableLayout.regionPk(regionId), TableLayout.runSk(runId)))
                  .updateExpression("SET #status = :new")
                  .conditionExpression("attribute_exists(#pk) AND #status = :building")
                  .expressionAttributeNames(Map.of("#status", STATUS, "#pk", PK))
                  .expressionAttributeValues(
                      Map.of(":new", s(status.name()), ":building", s(RunStatus.BUILDING.name()))));
    } catch (ConditionalCheckFailedException e) {
      throw badTransition(regionId, runId, requireRun(regionId, runId).status(), status);
    }
  }

  @Override
  public Optional<Run> run(RegionId regionId, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    return get(TableLayout.regionPk(regionId), TableLayout.runSk(runId)).map(RunItems::run);
  }

  @Override
  public List<Run> runs(RegionId regionId) {
    Objects.requireNonNull(regionId, "regionId");
    return beginsWith(TableLayout.regionPk(regionId), TableLayout.RUN_PREFIX).stream()
        .map(RunItems::run)
        .sorted(Comparator.comparing(Run::createdAt).thenComparing(Run::id))
        .toList();
  }

  // Scores

  @Override
  public List<NeighborhoodScore> scores(RegionId regionId, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    checkOpen();
    List<NeighborhoodScore> scores = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        query(
            QueryRequest.builder()
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(
                    Map.of(":pk", s(TableLayout.scorePk(regionId, runId)))))) {
      scores.add(ScoreItems.score(item));
    }
    scores.sort(Comparator.comparing(NeighborhoodScore::id));
    return scores;
  }

  /**
   * The {@code limit} best-ranked scores of a run, rank 1 first, read from the rank index with one
   * query (no scan, no sort in memory). Neighborhoods without a rank are not in it.
   */
  public List<NeighborhoodScore> topRanked(RegionId regionId, RunId runId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    checkOpen();
    return client
        .query(
            b ->
                b.tableName(table)
                    .indexName(GSI1)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI1PK))
                    .expressionAttributeValues(
                        Map.of(":pk", s(TableLayout.rankPk(regionId, runId))))
                    .scanIndexForward(true)
                    .limit(limit))
        .items()
        .stream()
        .map(ScoreItems::score)
        .toList();
  }

  // Current run

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the run is not PUBLISHED
   * @throws NoSuchElementException if there is no such region or run
   */
  @Override
  public boolean setCurrentRun(RegionId regionId, long expectedVersion, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    if (readyMeta(regionId).isEmpty()) {
      throw new NoSuchElementException("no region " + regionId);
    }
    RunStatus status = requireRun(regionId, runId).status();
    if (status != RunStatus.PUBLISHED) {
      throw new IllegalStateException(
          "run "
              + runId
              + " of region "
              + regionId
              + " is "
              + status
              + "; only a PUBLISHED run can become current");
    }
    try {
      client.updateItem(
          b ->
              b.tableName(table)
                  .key(key(TableLayout.regionPk(regionId), TableLayout.META))
                  .updateExpression("SET #current = :run, #version = #version + :one")
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(Map.of("#current", CURRENT_RUN, "#version", VERSION))
                  .expressionAttributeValues(
                      Map.of(
                          ":run",
                          s(runId.value()),
                          ":one",
                          n(1),
                          ":expected",
                          n(expectedVersion))));
      return true;
    } catch (ConditionalCheckFailedException movedMeanwhile) {
      return false;
    }
  }

  /** Stops the write threads. The client stays open: its owner closes it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      writers.shutdown();
    }
  }

  // Helpers

  private Optional<Map<String, AttributeValue>> readyMeta(RegionId id) {
    return get(TableLayout.regionPk(id), TableLayout.META).filter(DynamoDbScoreStore::isReady);
  }

  private static boolean isReady(Map<String, AttributeValue> item) {
    AttributeValue ready = item.get(READY);
    return ready == null || Boolean.TRUE.equals(ready.bool());
  }

  private Run requireRun(RegionId regionId, RunId runId) {
    return run(regionId, runId)
        .orElseThrow(
            () -> new NoSuchElementException("no run " + runId + " in region " + regionId));
  }

  private static IllegalStateException badTransition(
      RegionId regionId, RunId runId, RunStatus from, RunStatus to) {
    return new IllegalStateException(
        "run " + runId + " of region " + regionId + " cannot go from " + from + " to " + to);
  }

  private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
    checkOpen();
    Map<String, AttributeValue> item =
        client.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** Items of partition {@code pk} whose sort key starts with {@code prefix}, in key order. */
  private List<Map<String, AttributeValue>> beginsWith(String pk, String prefix) {
    checkOpen();
    return query(
        QueryRequest.builder()
            .consistentRead(true)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix))));
  }

  /** Every page of a query on the table. */
  private List<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.queryPaginator(request.tableName(table).build()).items().forEach(items::add);
    return items;
  }

  private byte[] blob(String pk, Map<String, AttributeValue> item) {
    if (!Blobs.isSplit(item)) {
      return Blobs.inline(item);
    }
    return Blobs.join(item, beginsWith(pk, Blobs.partPrefix(item)));
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the DynamoDB store is closed");
    }
  }

  private static void requireDistinctIds(List<Neighborhood> neighborhoods) {
    Set<NeighborhoodId> seen = new HashSet<>();
    for (Neighborhood neighborhood : neighborhoods) {
      if (!seen.add(neighborhood.id())) {
        throw new IllegalArgumentException("neighborhood id " + neighborhood.id() + " repeats");
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "gapmap-dynamodb-writer-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
