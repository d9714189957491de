/**
 * What readers see of a region: its current published run assembled with the neighborhood
 * geometries.
 */
package org.gapmap.core.publish;
