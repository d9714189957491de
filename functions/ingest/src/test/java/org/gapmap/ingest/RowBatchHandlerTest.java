package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gapmap.core.ingest.PointsReader;
import org.gapmap.core.ingest.ReadResult;
import org.gapmap.core.ingest.RegionContext;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.ingest.testing.LocalUploadBucket;
import org.gapmap.ingest.testing.NycGeodata;
import org.gapmap.ingest.testing.TestLambdaContext;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV item reader path by hand: the poles CSV handed out as the state machine's item reader and
 * batcher would (every value a string keyed by its header name, batches within the byte and item
 * limits), each batch through the row-batch function, then the merge: the published indicators are
 * those of the whole file read at once.
 */
@ExtendWith(DynaliteExtension.class)
class RowBatchHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "gapmap-uploads-example";
  private static final RegionId NYC = RegionId.of("nyc-nta2010");
  private static final String KEY = "uploads/nyc-nta2010/points/poles.csv";
  private static final String POLES = "nyc_mobile_telecom_franchise_poletop_installations.csv";

  /** The state machine's ItemBatcher limits (IngestStateMachine in infra). */
  private static final int MAX_INPUT_BYTES_PER_BATCH = 192 * 1024;

  private static final int MAX_ITEMS_PER_BATCH = 1000;

  @TempDir Path bucketRoot;
  private LocalUploadBucket bucket;
  private ApplicationContext context;
  private RowBatchHandler rows;
  private MergeHandler merge;
  private ScoreStore store;

  @BeforeEach
  void start(Dynalite dynalite) throws IOException {
    bucket = new LocalUploadBucket(bucketRoot);
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "gapmap.table",
                    Dynalite.uniqueTableName("rows"),
                    "gapmap.dynamodb-endpoint",
                    dynalite.endpoint().toString(),
                    "gapmap.create-table",
                    true,
                    "gapmap.s3-enabled",
                    false))
            .singletons(bucket)
            .start();
    rows = new RowBatchHandler(context);
    merge = new MergeHandler(context);
    store = context.getBean(ScoreStore.class);
    NycGeodata.registerNta2010(store, NYC);
    bucket.put(BUCKET, KEY, NycGeodata.bytes(POLES), Map.of("label", "small_cells"));
  }

  @AfterEach
  void stop() throws Exception {
    rows.close();
    merge.close();
  }

  @Test
  void batchesOfItemsThenTheMergePublishTheWholeReadsIndicators() throws IOException {
    List<String> events = batchEvents(items(NycGeodata.bytes(POLES)), "exec-1");
    assertThat(events).hasSizeGreaterThan(10);
    Collections.shuffle(events, new Random(7)); // children finish in any order
    long total = 0;
    for (String event : events) {
      assertThat(event.getBytes(StandardCharsets.UTF_8).length)
          .isLessThan(MAX_INPUT_BYTES_PER_BATCH + 1024);
      Map<String, Object> out = rows.handleRequest(parse(event), new TestLambdaContext("rows"));
      assertThat((String) out.get("partial")).startsWith("work/exec-1/rows-");
      total += ((Number) out.get("rows")).longValue();
    }
    assertThat(total).isEqualTo(8849);

    Map<String, Object> merged =
        merge.handleRequest(mergeTask("exec-1"), new TestLambdaContext("merge"));

    assertThat(merged.get("status")).isEqualTo(IngestResult.INGESTED);
    assertThat(store.region(NYC).orElseThrow().currentRunId().value())
        .isEqualTo(merged.get("runId"));
    UploadRecord stored = store.uploads(NYC).get(0);
    ReadResult whole =
        new PointsReader()
            .read(
                NycGeodata.resource(POLES),
                new RegionContext(NYC, store.neighborhoods(NYC)),
                new UploadOptions(null, Map.of(), "small_cells", null, null));
    assertThat(stored.indicators()).isEqualTo(whole.indicators()).isNotEmpty();
    assertThat(stored.report()).isEqualTo(whole.report());
    assertThat(bucket.exists(BUCKET, "reports/nyc-nta2010/points/poles.csv.report.json")).isTrue();
  }

  @Test
  void aMissingBatchFailsTheMergeAndPublishesNothing() throws IOException {
    List<String> events = batchEvents(items(NycGeodata.bytes(POLES)), "exec-2");
    for (int i = 0; i < events.size(); i++) {
      if (i != 3) {
        rows.handleRequest(parse(events.get(i)), new TestLambdaContext("rows"));
      }
    }
    assertThatThrownBy(() -> merge.handleRequest(mergeTask("exec-2"), new TestLambdaContext("m")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("miss rows");
    assertThat(store.runs(NYC)).isEmpty();
    assertThat(store.uploads(NYC)).isEmpty();
  }

  @Test
  void kindsWhoseRowsMustMeetAndCompressedObjectsAreRefused() throws IOException {
    String bdcKey = "uploads/nyc-nta2010/bdc-fixed/bdc.csv";
    byte[] bdc =
        ("location_id,provider_id,technology,max_advertised_download_speed,"
                + "max_advertised_upload_speed,low_latency,business_residential_code,h3_res8_id\n"
                + "1,2,50,1000,1000,1,R,882a100d2dfffff\n")
            .getBytes(StandardCharsets.UTF_8);
    bucket.put(BUCKET, bdcKey, bdc, Map.of());
    Map<String, Object> bdcBatch = parse(batchEvents(bdcKey, items(bdc), "exec-3").get(0));
    assertThatThrownBy(() -> rows.handleRequest(bdcBatch, new TestLambdaContext("rows")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be read in arbitrary batches");

    String gzKey = "uploads/nyc-nta2010/points/poles-gz.csv";
    bucket.put(BUCKET, gzKey, gzip(NycGeodata.bytes(POLES)), Map.of());
    Map<String, Object> gzBatch =
        parse(batchEvents(gzKey, items(NycGeodata.bytes(POLES)), "exec-3").get(0));
    assertThatThrownBy(() -> rows.handleRequest(gzBatch, new TestLambdaContext("rows")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("compressed");
  }

  @Test
  void anUploadWithoutRowsIsRejectedWithAReport() throws IOException {
    String key = "uploads/nyc-nta2010/points/empty.csv";
    bucket.put(BUCKET, key, "Id,Latitude,Longitude\n".getBytes(StandardCharsets.UTF_8), Map.of());
    Map<String, Object> task = new LinkedHashMap<>(mergeTask("exec-4"));
    task.put("key", key);
    assertThatThrownBy(() -> merge.handleRequest(task, new TestLambdaContext("m")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no data rows");
    assertThat(bucket.exists(BUCKET, "reports/nyc-nta2010/points/empty.csv.report.json")).isTrue();
    assertThat(store.runs(NYC)).isEmpty();
  }

  private static Map<String, Object> mergeTask(String execution) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("bucket", BUCKET);
    task.put("key", KEY);
    task.put("execution", execution);
    task.put("path", "items");
    return task;
  }

  /**
   * The file's data rows as the CSV item reader hands them out, wrapped as the ItemSelector does.
   */
  private static List<Map<String, Object>> items(byte[] csv) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(
                new InputStreamReader(
                    new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
      for (CSVRecord record : parser) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", record.getRecordNumber() - 1);
        item.put("values", record.toMap());
        items.add(item);
      }
    }
    return items;
  }

  private List<String> batchEvents(List<Map<String, Object>> items, String execution)
      throws IOException {
    return batchEvents(KEY, items, execution);
  }

  /**
   * The child executions' inputs as the ItemBatcher forms them: consecutive items, as many as fit
   * the byte and item limits, with the BatchInput.
   */
  private static List<String> batchEvents(
      String key, List<Map<String, Object>> items, String execution) throws IOException {
    Map<String, Object> batchInput = Map.of("bucket", BUCKET, "key", key, "execution", execution);
    List<String> events = new ArrayList<>();
    List<Map<String, Object>> batch = new ArrayList<>();
    int bytes = 0;
    for (Map<String, Object> item : items) {
      int size = JSON.writeValueAsBytes(item).length + 1;
      if (!batch.isEmpty()
          && (bytes + size > MAX_INPUT_BYTES_PER_BATCH || batch.size() == MAX_ITEMS_PER_BATCH)) {
        events.add(JSON.writeValueAsString(Map.of("BatchInput", batchInput, "Items", batch)));
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(item);
      bytes += size;
    }
    events.add(JSON.writeValueAsString(Map.of("BatchInput", batchInput, "Items", batch)));
    return events;
  }

  private static Map<String, Object> parse(String json) throws IOException {
    return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
