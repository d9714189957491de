/**
 * The embedded storage adapter: {@link org.gapmap.store.embedded.SqliteScoreStore} keeps regions,
 * uploads, runs and scores in one SQLite file in the data directory, shared safely by a running
 * server and command-line tools.
 */
package org.gapmap.store.embedded;
