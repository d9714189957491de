/**
 * {@link org.gapmap.core.store.ScoreStore} on one DynamoDB table: {@link
 * org.gapmap.store.dynamodb.DynamoDbScoreStore}. The key design is described on {@link
 * org.gapmap.store.dynamodb.TableLayout}.
 */
package org.gapmap.store.dynamodb;
