package org.plaque.registration.metric;

/**
 * Which metric and its settings.
 *
 * @param kind          the similarity measure
 * @param histogramBins joint-histogram bins per axis for {@link MetricKind#MATTES_MI} (≥ 8; ignored by the
 *                      other kinds). Two bins at each end are padding for the B-spline window, as in ITK.
 */
public record MetricParams(MetricKind kind, int histogramBins) {
    /** Mattes MI with 50 bins, as ITK's and elastix' defaults and the peers' parameter files. */
    public static final MetricParams DEFAULTS = new MetricParams(MetricKind.MATTES_MI, 50);

    public MetricParams {
        if (kind == null) {
            throw new IllegalArgumentException("metric kind is required");
        }
        if (histogramBins < 8 || histogramBins > 1024) {
            throw new IllegalArgumentException("histogram bins must be in [8, 1024], got " + histogramBins);
        }
    }

    /** The same settings with another kind. */
    public MetricParams withKind(MetricKind newKind) {
        return new MetricParams(newKind, histogramBins);
    }
}
