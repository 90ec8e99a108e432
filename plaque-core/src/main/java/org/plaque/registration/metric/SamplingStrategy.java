package org.plaque.registration.metric;

/** How the fixed-image points a metric is evaluated on are chosen (once per pyramid level). */
public enum SamplingStrategy {
    /** Every voxel centre of the fixed image (inside the fixed mask). */
    ALL,
    /**
     * Every ⌈1/fraction⌉-th voxel in storage order, each moved by a Gaussian jitter of one third of a voxel
     * per axis (ITK's REGULAR strategy), so that the points do not sit on the grid and the metric stays
     * smooth; drawn from the seed.
     */
    REGULAR,
    /** A given number of points at uniformly random continuous positions inside the fixed image (and mask). */
    RANDOM
}
