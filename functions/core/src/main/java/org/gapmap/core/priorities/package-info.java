/**
 * Priority lists: the top of a run's ranking with the households affected, the reasons in words and
 * totals for the selection, as a grant officer reads them; and the CSV form of such a list.
 */
package org.gapmap.core.priorities;
