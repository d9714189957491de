package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The requests the S3 bucket adapter sends, checked on a client that records them. */
class S3UploadBucketTest {
  private static final byte[] CONTENT = "NTA Code,Households\n".getBytes(StandardCharsets.UTF_8);

  private final RecordingS3 s3 = new RecordingS3();
  private final S3UploadBucket bucket = new S3UploadBucket(s3);

  @Test
  void readsTheObjectPinnedToTheVersionItFirstSaw() throws IOException {
    StoredObject object = bucket.open("b", "uploads/nyc/adoption/a.csv");

    assertThat(object.metadata()).containsEntry("preset", "nyc-imp");
    assertThat(object.source().size()).isEqualTo(CONTENT.length);
    try (InputStream in = object.source().openRaw()) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
    assertThat(s3.heads)
        .singleElement()
        .satisfies(h -> assertThat(h.key()).isEqualTo("uploads/nyc/adoption/a.csv"));
    GetObjectRequest get = s3.gets.get(0);
    assertThat(get.bucket()).isEqualTo("b");
    assertThat(get.ifMatch()).isEqualTo("\"etag-1\"");
  }

  @Test
  void writesReportsAsJson() {
    bucket.putReport(
        "b", "reports/nyc/adoption/a.csv.report.json", "{}".getBytes(StandardCharsets.UTF_8));

    PutObjectRequest put = s3.puts.get(0);
    assertThat(put.key()).isEqualTo("reports/nyc/adoption/a.csv.report.json");
    assertThat(put.contentType()).isEqualTo("application/json");
  }

  @Test
  void readsTheStartOfAnObjectWithOneRangedGetAndListsEveryPage() {
    assertThat(bucket.readPrefix("b", "uploads/nyc/points/p.csv", 5))
        .isEqualTo("NTA C".getBytes(StandardCharsets.UTF_8));
    assertThat(s3.gets.get(0).range()).isEqualTo("bytes=0-4");

    assertThat(bucket.list("b", "work/exec/"))
        .containsExactly("work/exec/rows-1.bin", "work/exec/rows-2.bin", "work/exec/rows-3.bin");
    assertThat(s3.lists).hasSize(2);
    assertThat(s3.lists.get(1).continuationToken()).isEqualTo("page-2");
    assertThat(s3.lists.get(1).prefix()).isEqualTo("work/exec/");
  }

  /** Answers HeadObject, GetObject and ListObjectsV2 for one object, records every request. */
  private static final class RecordingS3 implements S3Client {
    final List<HeadObjectRequest> heads = new ArrayList<>();
    final List<GetObjectRequest> gets = new ArrayList<>();
    final List<PutObjectRequest> puts = new ArrayList<>();
    final List<ListObjectsV2Request> lists = new ArrayList<>();

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
      lists.add(request);
      if (request.continuationToken() == null) {
        return ListObjectsV2Response.builder()
            .contents(object("work/exec/rows-1.bin"), object("work/exec/rows-2.bin"))
            .isTruncated(true)
            .nextContinuationToken("page-2")
            .build();
      }
      return ListObjectsV2Response.builder()
          .contents(object("work/exec/rows-3.bin"))
          .isTruncated(false)
          .build();
    }

    private static S3Object object(String key) {
      return S3Object.builder().key(key).build();
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
      heads.add(request);
      return HeadObjectResponse.builder()
          .eTag("\"etag-1\"")
          .contentLength((long) CONTENT.length)
          .metadata(Map.of("Preset", "nyc-imp"))
          .build();
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
      gets.add(request);
      byte[] content = CONTENT;
      if (request.range() != null) {
        int last = Integer.parseInt(request.range().substring("bytes=0-".length()));
        content = java.util.Arrays.copyOf(CONTENT, Math.min(CONTENT.length, last + 1));
      }
      return new ResponseInputStream<>(
          GetObjectResponse.builder().build(),
          AbortableInputStream.create(new ByteArrayInputStream(content)));
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
      puts.add(request);
      return PutObjectResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
