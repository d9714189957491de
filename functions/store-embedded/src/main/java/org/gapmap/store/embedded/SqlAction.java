package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.SQLException;

/** Work without a result done on one connection, inside a write transaction. */
@FunctionalInterface
interface SqlAction {
  void run(Connection connection) throws SQLException;
}
