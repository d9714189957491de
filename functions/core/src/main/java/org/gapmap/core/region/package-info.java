/** Registering a region: reading, validating and repairing its neighborhood polygons. */
package org.gapmap.core.region;
