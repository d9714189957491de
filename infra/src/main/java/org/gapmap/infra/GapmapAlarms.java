package org.gapmap.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Alarms an operator needs: an ingest that failed for good (a message in the dead-letter queue),
 * function errors, and throttles. Each alarm fires on the first occurrence; wire them to a
 * notification topic of your choice.
 */
public final class GapmapAlarms extends Construct {
  public GapmapAlarms(Construct scope, String id, Queue deadLetters, List<Function> functions) {
    super(scope, id);
    Alarm.Builder.create(this, "DeadLetters")
        .alarmDescription("An upload could not be ingested: see the dead-letter queue and reports/")
        .metric(
            deadLetters.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().period(Duration.minutes(5)).build()))
        .threshold(1)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    for (Function fn : functions) {
      String name = fn.getNode().getId();
      Alarm.Builder.create(this, name + "Errors")
          .alarmDescription(name + " reported errors")
          .metric(fn.metricErrors(MetricOptions.builder().period(Duration.minutes(5)).build()))
          .threshold(1)
          .evaluationPeriods(1)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
          .treatMissingData(TreatMissingData.NOT_BREACHING)
          .build();
      Alarm.Builder.create(this, name + "Throttles")
          .alarmDescription(name + " was throttled")
          .metric(fn.metricThrottles(MetricOptions.builder().period(Duration.minutes(5)).build()))
          .threshold(1)
          .evaluationPeriods(1)
          .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
          .treatMissingData(TreatMissingData.NOT_BREACHING)
          .build();
    }
  }
}
