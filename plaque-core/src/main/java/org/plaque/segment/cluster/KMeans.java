package org.plaque.segment.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;

/**
 * k-means clustering of samples in one or several channels: Lloyd's algorithm (Lloyd 1982,
 * doi:10.1109/TIT.1982.1056489) started from k-means++ seeds (Arthur &amp; Vassilvitskii 2007,
 * doi:10.5555/1283383.1283494).
 *
 * <p><b>Seeding:</b> the first centre is a sample drawn uniformly, each further centre a sample drawn with
 * probability proportional to its squared distance to the nearest centre chosen so far; the draws come from
 * a {@link SplittableRandom} seeded with {@link ExecutionContext#seed()}. <b>Iterations:</b> every sample is
 * assigned to its nearest centre (ties go to the lower index), then each centre moves to the mean of its
 * samples. A cluster left empty is re-seeded at the sample farthest from its assigned centre (lowest index
 * on ties), the usual repair. The loop stops when no assignment changes, when no centre moves by more than
 * {@code tolerance} × the data's standard deviation, or after {@code maxIterations} (then
 * {@link Result#converged()} is false).
 *
 * <p><b>Output order:</b> clusters are numbered by increasing centre in channel 0 (then channel 1, …), so
 * for a FLAIR intensity clustering cluster {@code k − 1} is the brightest. Deterministic: the same data and
 * seed give bit-identical centres and labels for any thread count (sums are formed per fixed block of
 * samples and combined in block order).
 *
 * <p>Failure: {@link InvalidInputException} when there are fewer samples than clusters, channels differ in
 * length, or a sample is not finite. Cost: O(n·k·d) per iteration, work split over the context's threads.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * What to fit.
     *
     * @param clusters      number of clusters k, ≥ 1
     * @param maxIterations upper bound on Lloyd iterations, ≥ 1
     * @param tolerance     stop when no centre moves by more than this fraction of the data's standard
     *                      deviation (per channel, pooled); ≥ 0
     */
    public record Params(int clusters, int maxIterations, double tolerance) {
        public Params {
            if (clusters < 1) {
                throw new IllegalArgumentException("k-means needs at least one cluster, got " + clusters);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("k-means needs at least one iteration, got " + maxIterations);
            }
            if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
                throw new IllegalArgumentException("k-means tolerance must be finite and >= 0, got " + tolerance);
            }
        }

        /** {@code k} clusters, at most 300 iterations, tolerance 1e-6. */
        public static Params of(int k) {
            return new Params(k, 300, 1e-6);
        }
    }

    /**
     * A fitted clustering.
     *
     * @param centers    cluster centres, {@code centers[cluster][channel]}, increasing in channel 0
     * @param labels     cluster of every sample, 0..k−1
     * @param sizes      samples per cluster
     * @param inertia    sum of squared distances of samples to their centres
     * @param iterations Lloyd iterations run
     * @param converged  whether a stopping rule was met before {@code maxIterations}
     */
    public record Result(double[][] centers, int[] labels, int[] sizes, double inertia, int iterations,
                         boolean converged) {
        /** Number of clusters. */
        public int k() {
            return centers.length;
        }

        /** Centre of cluster {@code c} in channel 0 (the intensity for 1-D data). */
        public double center(int c) {
            return centers[c][0];
        }
    }

    /** Clusters 1-D {@code values}. */
    public static Result fit(float[] values, Params params, ExecutionContext ctx) {
        return fit(new float[][] {values}, params, ctx);
    }

    /**
     * Clusters channel-major {@code data} ({@code data[channel][sample]}); the arrays are not modified.
     *
     * @throws InvalidInputException see the class comment
     */
    public static Result fit(float[][] data, Params params, ExecutionContext ctx) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(ctx, "ctx");
        int n = Samples.count(data);
        int k = params.clusters();
        int d = data.length;
        if (n < k) {
            throw new InvalidInputException("k-means with " + k + " clusters needs at least " + k
                + " samples, got " + n);
        }
        double[][] centers = seed(data, n, k, ctx);
        double spread = pooledSd(data, n);
        double moveLimit2 = Math.pow(params.tolerance() * spread, 2);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int blocks = Samples.blocks(n);
        double[][] blockSums = new double[blocks][k * d];
        long[][] blockCounts = new long[blocks][k];
        boolean[] blockChanged = new boolean[blocks];
        int iterations = 0;
        boolean converged = false;
        while (iterations < params.maxIterations()) {
            ctx.checkCancelled();
            iterations++;
            final double[][] cur = centers;
            ctx.parallelFor(blocks, (from, to) -> {
                for (int b = from; b < to; b++) {
                    double[] sums = blockSums[b];
                    long[] counts = blockCounts[b];
                    Arrays.fill(sums, 0);
                    Arrays.fill(counts, 0);
                    boolean changed = false;
                    for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                        int best = nearest(data, i, cur);
                        if (best != labels[i]) {
                            labels[i] = best;
                            changed = true;
                        }
                        counts[best]++;
                        for (int c = 0; c < d; c++) {
                            sums[best * d + c] += data[c][i];
                        }
                    }
                    blockChanged[b] = changed;
                }
            });
            boolean anyChanged = false;
            double[] sums = new double[k * d];
            long[] counts = new long[k];
            for (int b = 0; b < blocks; b++) {
                anyChanged |= blockChanged[b];
                for (int j = 0; j < k * d; j++) {
                    sums[j] += blockSums[b][j];
                }
                for (int j = 0; j < k; j++) {
                    counts[j] += blockCounts[b][j];
                }
            }
            if (!anyChanged && iterations > 1) {
                converged = true;
                break;
            }
            double[][] next = new double[k][d];
            double maxMove2 = 0;
            double[] farFromCentre = null;
            for (int j = 0; j < k; j++) {
                if (counts[j] == 0) {
                    if (farFromCentre == null) {
                        farFromCentre = distancesToAssigned(data, n, labels, centers);
                    }
                    int far = argMax(farFromCentre);
                    farFromCentre[far] = -1; // each far sample re-seeds one empty cluster only
                    next[j] = sample(data, far);
                    labels[far] = j;
                    maxMove2 = Double.POSITIVE_INFINITY;
                    continue;
                }
                double move2 = 0;
                for (int c = 0; c < d; c++) {
                    next[j][c] = sums[j * d + c] / counts[j];
                    double dm = next[j][c] - centers[j][c];
                    move2 += dm * dm;
                }
                maxMove2 = Math.max(maxMove2, move2);
            }
            centers = next;
            if (maxMove2 <= moveLimit2) {
                converged = true;
                break;
            }
        }
        return finish(data, n, centers, iterations, converged, ctx);
    }

    /** Reassigns with the final centres, orders clusters by centre, and computes sizes and inertia. */
    private static Result finish(float[][] data, int n, double[][] centers, int iterations, boolean converged,
                                 ExecutionContext ctx) {
        int k = centers.length;
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Comparator<Integer> byCentre = (a, b) -> Arrays.compare(centers[a], centers[b]);
        Arrays.sort(order, byCentre.thenComparing(Comparator.naturalOrder()));
        double[][] sorted = new double[k][];
        for (int j = 0; j < k; j++) {
            sorted[j] = centers[order[j]].clone();
        }
        int[] labels = new int[n];
        int blocks = Samples.blocks(n);
        double[] blockInertia = new double[blocks];
        int[][] blockSizes = new int[blocks][k];
        ctx.parallelFor(blocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                double s = 0;
                for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                    int best = nearest(data, i, sorted);
                    labels[i] = best;
                    blockSizes[b][best]++;
                    s += dist2(data, i, sorted[best]);
                }
                blockInertia[b] = s;
            }
        });
        int[] sizes = new int[k];
        double inertia = 0;
        for (int b = 0; b < blocks; b++) {
            inertia += blockInertia[b];
            for (int j = 0; j < k; j++) {
                sizes[j] += blockSizes[b][j];
            }
        }
        return new Result(sorted, labels, sizes, inertia, iterations, converged);
    }

    /** k-means++ seeding. */
    private static double[][] seed(float[][] data, int n, int k, ExecutionContext ctx) {
        SplittableRandom rnd = new SplittableRandom(ctx.seed());
        double[][] centers = new double[k][];
        centers[0] = sample(data, rnd.nextInt(n));
        double[] d2 = new double[n];
        int blocks = Samples.blocks(n);
        double[] blockTotal = new double[blocks];
        for (int j = 1; j < k; j++) {
            ctx.checkCancelled();
            final double[] last = centers[j - 1];
            final boolean first = j == 1;
            ctx.parallelFor(blocks, (from, to) -> {
                for (int b = from; b < to; b++) {
                    double s = 0;
                    for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                        double v = dist2(data, i, last);
                        d2[i] = first ? v : Math.min(d2[i], v);
                        s += d2[i];
                    }
                    blockTotal[b] = s;
                }
            });
            double total = 0;
            for (double t : blockTotal) {
                total += t;
            }
            if (!(total > 0)) {
                // fewer distinct samples than clusters: duplicate a centre; Lloyd's repair handles the rest
                centers[j] = centers[j - 1].clone();
                continue;
            }
            double target = rnd.nextDouble() * total;
            int chosen = n - 1;
            double acc = 0;
            for (int b = 0; b < blocks; b++) {
                if (acc + blockTotal[b] <= target && b < blocks - 1) {
                    acc += blockTotal[b];
                    continue;
                }
                for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                    acc += d2[i];
                    if (acc > target && d2[i] > 0) {
                        chosen = i;
                        break;
                    }
                }
                break;
            }
            if (d2[chosen] == 0) {
                chosen = lastPositive(d2);
            }
            centers[j] = sample(data, chosen);
        }
        return centers;
    }

    private static int lastPositive(double[] d2) {
        for (int i = d2.length - 1; i >= 0; i--) {
            if (d2[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    private static double pooledSd(float[][] data, int n) {
        double total = 0;
        for (float[] ch : data) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ch[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double v = ch[i] - mean;
                ss += v * v;
            }
            total += ss / n;
        }
        return Math.sqrt(total / data.length);
    }

    private static double[] distancesToAssigned(float[][] data, int n, int[] labels, double[][] centers) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = dist2(data, i, centers[labels[i]]);
        }
        return out;
    }

    /** Index of the largest value, the lowest index on ties. */
    private static int argMax(double[] v) {
        int where = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[where]) {
                where = i;
            }
        }
        return where;
    }

    private static double[] sample(float[][] data, int i) {
        double[] p = new double[data.length];
        for (int c = 0; c < data.length; c++) {
            p[c] = data[c][i];
        }
        return p;
    }

    static int nearest(float[][] data, int i, double[][] centers) {
        int best = 0;
        double bestD = dist2(data, i, centers[0]);
        for (int j = 1; j < centers.length; j++) {
            double v = dist2(data, i, centers[j]);
            if (v < bestD) {
                bestD = v;
                best = j;
            }
        }
        return best;
    }

    static double dist2(float[][] data, int i, double[] center) {
        double s = 0;
        for (int c = 0; c < data.length; c++) {
            double v = data[c][i] - center[c];
            s += v * v;
        }
        return s;
    }
}
