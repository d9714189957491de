package org.gapmap.infra;

/**
 * The single-table design of the score store, as the DynamoDB adapter reads and writes it: string
 * keys {@code PK} and {@code SK}, and a global secondary index that lists a run's neighborhoods by
 * rank for top-N queries.
 */
public final class TableDesign {
  public static final String PARTITION_KEY = "PK";
  public static final String SORT_KEY = "SK";
  public static final String RANK_INDEX = "GSI1";
  public static final String RANK_INDEX_PARTITION_KEY = "GSI1PK";
  public static final String RANK_INDEX_SORT_KEY = "GSI1SK";

  private TableDesign() {}
}
