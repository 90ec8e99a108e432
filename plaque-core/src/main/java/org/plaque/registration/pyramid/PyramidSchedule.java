package org.plaque.registration.pyramid;

import java.util.Arrays;

/**
 * The levels of a registration pyramid, coarsest first: a shrink factor and a Gaussian smoothing sigma
 * (mm) per level.
 *
 * <p>The shrink factor applies to the finest axis; coarser axes of an anisotropic image shrink less, by
 * {@code max(1, round(factor · smallestSpacing / spacing))}, so that levels approach isotropy instead of
 * collapsing thick-slice scans (0.7 × 0.7 × 4 mm FLAIR keeps all its slices at factor 4). No axis is
 * shrunk below 4 voxels. For isotropic images this is ITK's shrink-by-factor on every axis.
 *
 * @param shrinkFactors      per level, ≥ 1 (copied)
 * @param smoothingSigmasMm  per level, ≥ 0, Gaussian standard deviation in mm on every axis (copied)
 */
public record PyramidSchedule(int[] shrinkFactors, double[] smoothingSigmasMm) {
    /** Shrink 4, 2, 1 with sigmas 2, 1, 0 mm: the schedule of the peers' ITK recipe and elastix files. */
    public static final PyramidSchedule DEFAULTS = new PyramidSchedule(new int[] {4, 2, 1}, new double[] {2, 1, 0});

    public PyramidSchedule {
        if (shrinkFactors == null || smoothingSigmasMm == null || shrinkFactors.length == 0
            || shrinkFactors.length != smoothingSigmasMm.length) {
            throw new IllegalArgumentException("a pyramid needs one shrink factor and one sigma per level");
        }
        shrinkFactors = shrinkFactors.clone();
        smoothingSigmasMm = smoothingSigmasMm.clone();
        for (int f : shrinkFactors) {
            if (f < 1 || f > 64) {
                throw new IllegalArgumentException("shrink factors must be in [1, 64], got " + f);
            }
        }
        for (double s : smoothingSigmasMm) {
            if (!(s >= 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("smoothing sigmas must be finite and >= 0, got " + s);
            }
        }
    }

    /** Number of levels. */
    public int levels() {
        return shrinkFactors.length;
    }

    @Override
    public int[] shrinkFactors() {
        return shrinkFactors.clone();
    }

    @Override
    public double[] smoothingSigmasMm() {
        return smoothingSigmasMm.clone();
    }

    /** Shrink factor of level {@code level}. */
    public int shrink(int level) {
        return shrinkFactors[level];
    }

    /** Smoothing sigma (mm) of level {@code level}. */
    public double sigmaMm(int level) {
        return smoothingSigmasMm[level];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyramidSchedule p && Arrays.equals(shrinkFactors, p.shrinkFactors)
            && Arrays.equals(smoothingSigmasMm, p.smoothingSigmasMm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shrinkFactors) + Arrays.hashCode(smoothingSigmasMm);
    }

    @Override
    public String toString() {
        return "PyramidSchedule[shrink " + Arrays.toString(shrinkFactors) + ", sigma mm "
            + Arrays.toString(smoothingSigmasMm) + "]";
    }
}
