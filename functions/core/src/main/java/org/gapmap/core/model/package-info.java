/**
 * Value types of the domain: identifiers, regions, neighborhoods, uploads, runs and scores. All are
 * immutable and safe to share between threads.
 */
package org.gapmap.core.model;
