package org.plaque.registration.metric;

/**
 * How many fixed-image points a metric uses at each pyramid level.
 *
 * @param strategy how points are chosen
 * @param fraction for {@link SamplingStrategy#REGULAR}: the share of voxels used, in (0, 1]
 * @param count    for {@link SamplingStrategy#RANDOM}: the number of points (≥ 16); at a level with fewer
 *                 voxels, {@code count} is capped at the voxel count
 */
public record SamplingParams(SamplingStrategy strategy, double fraction, int count) {
    /** ITK's REGULAR sampling of a quarter of the voxels, as the peer ITK recipe. */
    public static final SamplingParams ITK_REGULAR_25 = new SamplingParams(SamplingStrategy.REGULAR, 0.25, 0);

    public SamplingParams {
        if (strategy == null) {
            throw new IllegalArgumentException("sampling strategy is required");
        }
        if (strategy == SamplingStrategy.REGULAR && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sampling fraction must be in (0, 1], got " + fraction);
        }
        if (strategy == SamplingStrategy.RANDOM && count < 16) {
            throw new IllegalArgumentException("random sample count must be at least 16, got " + count);
        }
    }

    /** All voxels. */
    public static SamplingParams all() {
        return new SamplingParams(SamplingStrategy.ALL, 1, 0);
    }

    /** Regular sampling of {@code fraction} of the voxels with jitter. */
    public static SamplingParams regular(double fraction) {
        return new SamplingParams(SamplingStrategy.REGULAR, fraction, 0);
    }

    /** {@code count} uniformly random points. */
    public static SamplingParams random(int count) {
        return new SamplingParams(SamplingStrategy.RANDOM, 1, count);
    }
}
