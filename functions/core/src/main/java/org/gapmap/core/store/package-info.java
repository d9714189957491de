/**
 * The storage port. {@link org.gapmap.core.store.ScoreStore} is implemented by adapters in their
 * own modules; the domain never sees a database or SDK type.
 */
package org.gapmap.core.store;
