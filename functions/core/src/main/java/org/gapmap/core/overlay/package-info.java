/**
 * The overlay engine: coverage polygons, H3 cells and speed-test tiles meet a region's
 * neighborhoods. {@link org.gapmap.core.overlay.NeighborhoodClipper} tells how a geometry meets the
 * neighborhoods it may touch (STR-tree over their envelopes, indexes of their boundaries, point
 * locators) and clips it (JTS OverlayNG); {@link org.gapmap.core.overlay.CoveredArea} unions the
 * pieces per neighborhood and layer ({@code PolygonUnion}: JTS's cascade, each pair noded against
 * each other only by {@code LocalNoder}) and measures them on the WGS84 ellipsoid, so overlapping
 * coverage counts once; {@link org.gapmap.core.overlay.AreaWeightedMeans} averages values weighted
 * by overlap area.
 *
 * <p>Partitioning: clipped union geometry merges exactly across partitions ({@link
 * org.gapmap.core.overlay.CoveredArea#merge}); covered areas do not, because pieces from two
 * partitions may overlap. Shard by neighborhood (each shard owns whole neighborhoods: results are
 * disjoint and simply concatenated) or by input (each shard clips its share of the coverage; merge
 * the pieces, then union and measure). Weighted sums of disjoint tiles are additive and merge by
 * addition.
 */
package org.gapmap.core.overlay;
