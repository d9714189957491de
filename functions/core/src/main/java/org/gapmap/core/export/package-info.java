/**
 * Output formats of a published run: RFC 7946 GeoJSON and spreadsheet-ready CSV, with one property
 * order shared by every format.
 */
package org.gapmap.core.export;
