package org.plaque.registration.metric;

/** The similarity measure a registration optimises; every kind is a cost (lower is better). */
public enum MetricKind {
    /**
     * Negative Mattes mutual information (Mattes et al. 2003, doi:10.1109/TMI.2002.803111): joint histogram
     * with a zero-order (box) Parzen window on the fixed intensities and a cubic B-spline window on the
     * moving ones. For images of different contrast (FLAIR vs T1, subject vs template).
     */
    MATTES_MI,
    /** Mean of the squared intensity differences; for images of the same contrast and scale. */
    MEAN_SQUARES,
    /** Negative Pearson correlation of the intensities; for the same contrast at different scales. */
    NORMALIZED_CORRELATION
}
