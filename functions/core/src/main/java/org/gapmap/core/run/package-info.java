/**
 * Runs: which inputs are in effect, and the atomic publish protocol that makes a new run current.
 */
package org.gapmap.core.run;
