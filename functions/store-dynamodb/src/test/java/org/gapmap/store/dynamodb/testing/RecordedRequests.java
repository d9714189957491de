package org.gapmap.store.dynamodb.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records every request a client sends, so tests can check what was asked of DynamoDB. */
public final class RecordedRequests implements ExecutionInterceptor {
  private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    requests.add(context.request());
  }

  /** The requests of one type, in the order they were sent. */
  public <T extends SdkRequest> List<T> of(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    requests.clear();
  }
}
