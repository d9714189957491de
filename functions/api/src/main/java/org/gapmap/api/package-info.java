/**
 * The read API: each region's current published run as an OGC API - Features collection, plus the
 * web map page. {@link org.gapmap.api.GapmapServer} starts it over a {@link
 * org.gapmap.core.store.ScoreStore}.
 */
package org.gapmap.api;
