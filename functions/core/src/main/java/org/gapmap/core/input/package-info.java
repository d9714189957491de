/**
 * Where input comes from and how bad input is reported: every rejection names the file, the line or
 * feature, the column and what was expected.
 */
package org.gapmap.core.input;
