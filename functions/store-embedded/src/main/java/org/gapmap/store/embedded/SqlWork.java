package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection, inside a transaction for writes.
 *
 * @param <T> result type
 */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
