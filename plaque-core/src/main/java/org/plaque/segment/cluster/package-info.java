/**
 * Unsupervised clustering of voxel intensities: {@link org.plaque.segment.cluster.KMeans} (Lloyd's
 * algorithm with k-means++ seeding) and {@link org.plaque.segment.cluster.GaussianMixture} (EM with soft
 * memberships, optional spatial priors and an optional uniform outlier class), in one or several channels.
 *
 * <p>Samples are passed channel-major ({@code data[channel][sample]}, every channel the same length) and
 * are never modified. Both algorithms are deterministic: random choices come from
 * {@link org.plaque.exec.ExecutionContext#seed()}, and sums over samples are accumulated per fixed-size
 * block and combined in block order, so the result is bit-identical for any thread count.
 */
package org.plaque.segment.cluster;
