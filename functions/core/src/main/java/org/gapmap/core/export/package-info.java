/**
 * Output formats of a published run: RFC 7946 GeoJSON, spreadsheet-ready CSV and FlatGeobuf, with
 * one property order shared by the GeoJSON outputs and one column set shared by the tabular ones.
 */
package org.gapmap.core.export;
