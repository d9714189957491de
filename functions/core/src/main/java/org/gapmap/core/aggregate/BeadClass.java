package org.gapmap.core.aggregate;

/**
 * The BEAD classification of a broadband serviceable location by its best reliable service: served
 * at 100/20 Mbps or more, underserved at 25/3 or more, unserved below.
 */
public enum BeadClass {
  UNSERVED,
  UNDERSERVED,
  SERVED;

  /** The class of a service with these advertised speeds (Mbps). */
  public static BeadClass of(double downloadMbps, double uploadMbps) {
    if (downloadMbps >= 100 && uploadMbps >= 20) {
      return SERVED;
    }
    if (downloadMbps >= 25 && uploadMbps >= 3) {
      return UNDERSERVED;
    }
    return UNSERVED;
  }

  /** The better of two classes. */
  public BeadClass max(BeadClass other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
