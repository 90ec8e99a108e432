package org.plaque.segment.cluster;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;

/**
 * Gaussian mixture model fitted by expectation–maximisation (Dempster, Laird &amp; Rubin 1977,
 * doi:10.1111/j.2517-6161.1977.tb01600.x) on samples in one or several channels, with soft memberships
 * (responsibilities), optional per-sample spatial priors and an optional uniform outlier class.
 *
 * <p><b>Model.</b> Component j has mean μ<sub>j</sub> and full covariance Σ<sub>j</sub>. Without spatial
 * priors the mixing weights π<sub>j</sub> are global. With spatial priors p<sub>ij</sub> (for example atlas
 * tissue probabilities at voxel i) the mixing weight of sample i is π<sub>ij</sub> = w<sub>j</sub>
 * p<sub>ij</sub> / Σ<sub>l</sub> w<sub>l</sub> p<sub>il</sub> and the scale factors w<sub>j</sub> are
 * estimated with the update of the unified segmentation model (Ashburner &amp; Friston 2005,
 * doi:10.1016/j.neuroimage.2005.02.018). The <b>outlier class</b> (Van Leemput et al. 2001,
 * IEEE Trans. Med. Imaging 20(8):677–688, who detect MS lesions as outliers of a tissue model) has a
 * constant density equal to one over the volume of the data's bounding box and its own weight; it absorbs
 * samples that no Gaussian explains, so that they do not distort the tissue Gaussians.
 *
 * <p><b>Iterations.</b> E-step: responsibilities r<sub>ij</sub> ∝ π<sub>ij</sub> N(x<sub>i</sub> | μ<sub>j</sub>,
 * Σ<sub>j</sub>). M-step: weighted means and covariances; a variance floor of {@code varianceFloor} × the
 * channel's variance is added to every diagonal so that no component collapses onto a single value. The
 * loop stops when the log-likelihood changes by less than {@code tolerance} × |log-likelihood| or after
 * {@code maxIterations}; a last E-step computes the returned responsibilities from the final parameters.
 * Components keep their identity: component j of the result is the one started from initial component j.
 *
 * <p>Deterministic (see the package comment); samples whose spatial priors are all zero take no part.
 * Failure: {@link InvalidInputException} when channels differ in length, a sample is not finite, priors
 * do not match the data, or there are fewer samples than components. Cost per iteration O(n·k·d²).
 */
public final class GaussianMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianMixture() {
    }

    /**
     * What to fit.
     *
     * @param components    number of Gaussian components k, ≥ 1 (the outlier class comes on top)
     * @param maxIterations upper bound on EM iterations, ≥ 1
     * @param tolerance     relative change of the log-likelihood below which EM stops, ≥ 0
     * @param varianceFloor added to each covariance diagonal, as a fraction of that channel's variance; ≥ 0
     * @param outlierClass  whether to add the uniform outlier class
     */
    public record Params(int components, int maxIterations, double tolerance, double varianceFloor,
                         boolean outlierClass) {
        public Params {
            if (components < 1) {
                throw new IllegalArgumentException("a Gaussian mixture needs at least one component, got "
                    + components);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("EM needs at least one iteration, got " + maxIterations);
            }
            if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
                throw new IllegalArgumentException("EM tolerance must be finite and >= 0, got " + tolerance);
            }
            if (!(varianceFloor >= 0) || !Double.isFinite(varianceFloor)) {
                throw new IllegalArgumentException("variance floor must be finite and >= 0, got " + varianceFloor);
            }
        }

        /** {@code k} components, at most 200 iterations, tolerance 1e-6, variance floor 1e-4, no outlier class. */
        public static Params of(int k) {
            return new Params(k, 200, 1e-6, 1e-4, false);
        }

        /** These parameters with the outlier class on or off. */
        public Params withOutlierClass(boolean on) {
            return new Params(components, maxIterations, tolerance, varianceFloor, on);
        }

        /** These parameters with another iteration limit. */
        public Params withMaxIterations(int iterations) {
            return new Params(components, iterations, tolerance, varianceFloor, outlierClass);
        }
    }

    /**
     * Mixture parameters.
     *
     * @param weights        mixing weights w<sub>j</sub> of the Gaussians (global weights, or the scale
     *                       factors of the spatial priors); with the outlier weight they sum to 1
     * @param means          {@code means[j][channel]}
     * @param covariances    {@code covariances[j][row][col]}, symmetric positive definite
     * @param outlierWeight  weight of the outlier class (0 when there is none)
     * @param outlierDensity constant density of the outlier class (per unit of data volume; 0 when none)
     */
    public record Model(double[] weights, double[][] means, double[][][] covariances, double outlierWeight,
                        double outlierDensity) {
        public Model {
            int k = weights.length;
            if (k == 0 || means.length != k || covariances.length != k) {
                throw new IllegalArgumentException("weights, means and covariances must describe the same"
                    + " number (>= 1) of components");
            }
            int d = means[0].length;
            for (int j = 0; j < k; j++) {
                if (means[j].length != d || covariances[j].length != d) {
                    throw new IllegalArgumentException("component " + j + " does not have " + d + " channels");
                }
                for (double[] row : covariances[j]) {
                    if (row.length != d) {
                        throw new IllegalArgumentException("covariance of component " + j + " is not " + d + "×" + d);
                    }
                }
            }
            weights = weights.clone();
            means = deepCopy(means);
            covariances = deepCopy(covariances);
        }

        /** A 1-D model from weights, means and standard deviations, without outlier class. */
        public static Model of1d(double[] weights, double[] means, double[] sds) {
            int k = weights.length;
            double[][] m = new double[k][1];
            double[][][] c = new double[k][1][1];
            for (int j = 0; j < k; j++) {
                m[j][0] = means[j];
                c[j][0][0] = sds[j] * sds[j];
            }
            return new Model(weights, m, c, 0, 0);
        }

        /** Number of Gaussian components. */
        public int k() {
            return weights.length;
        }

        /** Number of channels. */
        public int channels() {
            return means[0].length;
        }

        /** Mean of component {@code j} in channel 0. */
        public double mean(int j) {
            return means[j][0];
        }

        /** Standard deviation of component {@code j} in channel 0. */
        public double sd(int j) {
            return Math.sqrt(covariances[j][0][0]);
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        @Override
        public double[][] means() {
            return deepCopy(means);
        }

        @Override
        public double[][][] covariances() {
            return deepCopy(covariances);
        }

        /**
         * Responsibilities of this model for {@code data} (no fitting): {@code [j][i]} for the Gaussians,
         * then the outlier class when the model has one.
         *
         * @param priors spatial priors {@code [j][i]} (one row per Gaussian, plus one for the outlier class
         *               when the model has one), or null for global weights
         */
        public float[][] responsibilities(float[][] data, float[][] priors, ExecutionContext ctx) {
            int n = Samples.count(data);
            if (data.length != channels()) {
                throw new InvalidInputException("the model has " + channels() + " channels but the data "
                    + data.length);
            }
            checkPriors(priors, k() + (outlierWeight > 0 ? 1 : 0), n);
            Engine e = new Engine(data, n, priors, this);
            float[][] resp = new float[e.classes][n];
            e.expectation(resp, ctx);
            return resp;
        }
    }

    /**
     * A fitted mixture.
     *
     * @param model            the final parameters
     * @param responsibilities {@code [j][i]}: for each Gaussian j (then the outlier class, when present) the
     *                         posterior probability that sample i belongs to it
     * @param logLikelihood    final log-likelihood of the data
     * @param iterations       EM iterations run
     * @param converged        whether the tolerance was reached before {@code maxIterations}
     */
    public record Fit(Model model, float[][] responsibilities, double logLikelihood, int iterations,
                      boolean converged) {
        /** Responsibilities of the outlier class, or null when the model has none. */
        public float[] outlierResponsibilities() {
            return responsibilities.length > model.k() ? responsibilities[model.k()] : null;
        }
    }

    /** Fits 1-D {@code values}, initialised by seeded k-means. */
    public static Fit fit(float[] values, Params params, ExecutionContext ctx) {
        return fit(new float[][] {values}, params, ctx);
    }

    /**
     * Fits channel-major {@code data}, initialised by k-means with k-means++ seeding from
     * {@link ExecutionContext#seed()} (components then start in increasing order of channel 0); the
     * outlier class, when asked for, starts with weight 0.01.
     */
    public static Fit fit(float[][] data, Params params, ExecutionContext ctx) {
        Objects.requireNonNull(params, "params");
        int n = Samples.count(data);
        if (n < params.components()) {
            throw new InvalidInputException("a Gaussian mixture with " + params.components()
                + " components needs at least as many samples, got " + n);
        }
        KMeans.Result km = KMeans.fit(data, KMeans.Params.of(params.components()), ctx);
        int k = params.components();
        float[][] resp = new float[k][n];
        int[] labels = km.labels();
        for (int i = 0; i < n; i++) {
            resp[labels[i]][i] = 1f;
        }
        Model init = fromResponsibilities(data, resp, params.varianceFloor(), ctx);
        if (params.outlierClass()) {
            init = withOutlier(init, 0.01, data, n);
        }
        return fit(data, null, init, params, ctx);
    }

    /**
     * Fits {@code data} starting from {@code initial}.
     *
     * @param priors  spatial priors {@code [j][i]} ≥ 0, one row per Gaussian plus one for the outlier class
     *                when {@code params.outlierClass()}; null for global weights
     * @param initial starting parameters with {@code params.components()} Gaussians; its outlier weight is
     *                used when {@code params.outlierClass()} (0.01 if it has none); its outlier density is
     *                recomputed from the data
     */
    public static Fit fit(float[][] data, float[][] priors, Model initial, Params params, ExecutionContext ctx) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(ctx, "ctx");
        int n = Samples.count(data);
        int k = params.components();
        if (initial.k() != k || initial.channels() != data.length) {
            throw new InvalidInputException("the initial mixture has " + initial.k() + " components in "
                + initial.channels() + " channels, expected " + k + " in " + data.length);
        }
        if (n < k) {
            throw new InvalidInputException("a Gaussian mixture with " + k
                + " components needs at least as many samples, got " + n);
        }
        Model model = params.outlierClass()
            ? withOutlier(initial, initial.outlierWeight() > 0 ? initial.outlierWeight() : 0.01, data, n)
            : new Model(normalised(initial.weights), initial.means, initial.covariances, 0, 0);
        int classes = k + (params.outlierClass() ? 1 : 0);
        checkPriors(priors, classes, n);
        double[] floor = varianceFloors(data, n, params.varianceFloor());
        float[][] resp = new float[classes][n];
        double previous = Double.NEGATIVE_INFINITY;
        double ll = Double.NEGATIVE_INFINITY;
        int iterations = 0;
        boolean converged = false;
        while (iterations < params.maxIterations()) {
            ctx.checkCancelled();
            Engine e = new Engine(data, n, priors, model);
            Stats s = e.expectation(resp, ctx);
            ll = s.logLikelihood;
            iterations++;
            if (iterations > 1 && Math.abs(ll - previous) <= params.tolerance() * Math.abs(ll)) {
                converged = true;
                break;
            }
            previous = ll;
            model = e.maximisation(s, floor);
        }
        Engine last = new Engine(data, n, priors, model);
        ll = last.expectation(resp, ctx).logLikelihood;
        return new Fit(model, resp, ll, iterations, converged);
    }

    /**
     * The Gaussians whose parameters are the weighted means and covariances of {@code data} under the
     * soft memberships {@code resp[j][i]} (one M-step): for instance initial tissue classes from atlas
     * probabilities. Weights are proportional to the summed memberships.
     *
     * @param varianceFloor added to each diagonal as a fraction of the channel's variance
     * @throws InvalidInputException when a component has no membership at all
     */
    public static Model fromResponsibilities(float[][] data, float[][] resp, double varianceFloor,
                                             ExecutionContext ctx) {
        int n = Samples.count(data);
        checkPriors(resp, resp.length, n);
        int k = resp.length;
        Model start = new Model(filled(k, 1.0 / k), new double[k][data.length], identities(k, data.length), 0, 0);
        Engine e = new Engine(data, n, null, start);
        Stats s = e.accumulate(resp, ctx);
        for (int j = 0; j < k; j++) {
            if (!(s.sumR[j] > 0)) {
                throw new InvalidInputException("Gaussian component " + j + " has no samples to start from");
            }
        }
        Model m = e.maximisation(s, varianceFloors(data, n, varianceFloor));
        return new Model(normalised(s.sumR), m.means, m.covariances, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------------

    private static Model withOutlier(Model m, double outlierWeight, float[][] data, int n) {
        double volume = 1;
        for (float[] ch : data) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, ch[i]);
                max = Math.max(max, ch[i]);
            }
            volume *= Math.max(max - min, 1e-6);
        }
        double[] w = normalised(m.weights);
        for (int j = 0; j < w.length; j++) {
            w[j] *= 1 - outlierWeight;
        }
        return new Model(w, m.means, m.covariances, outlierWeight, 1 / volume);
    }

    private static void checkPriors(float[][] priors, int classes, int n) {
        if (priors == null) {
            return;
        }
        if (priors.length != classes) {
            throw new InvalidInputException("spatial priors have " + priors.length + " rows, expected " + classes
                + " (one per class)");
        }
        for (int j = 0; j < classes; j++) {
            if (priors[j] == null || priors[j].length != n) {
                throw new InvalidInputException("spatial prior " + j + " does not hold " + n + " samples");
            }
        }
    }

    private static double[] varianceFloors(float[][] data, int n, double fraction) {
        double[] out = new double[data.length];
        for (int c = 0; c < data.length; c++) {
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                sum += data[c][i];
                sum2 += (double) data[c][i] * data[c][i];
            }
            double mean = sum / n;
            double var = Math.max(sum2 / n - mean * mean, 0);
            // a tiny absolute floor keeps constant channels invertible
            out[c] = fraction * var + 1e-12 * (1 + mean * mean);
        }
        return out;
    }

    private static double[] normalised(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        double[] out = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            out[j] = s > 0 ? w[j] / s : 1.0 / w.length;
        }
        return out;
    }

    private static double[] filled(int k, double v) {
        double[] out = new double[k];
        Arrays.fill(out, v);
        return out;
    }

    private static double[][][] identities(int k, int d) {
        double[][][] out = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                out[j][c][c] = 1;
            }
        }
        return out;
    }

    static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    static double[][][] deepCopy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = deepCopy(a[i]);
        }
        return out;
    }

    /** Sufficient statistics of one E-step, summed in block order. */
    private static final class Stats {
        final double[] sumR;
        final double[][] sumRX;
        final double[][][] sumRXX;
        /** Σ_i p_ij / Σ_l w_l p_il (the denominator of the spatial-prior weight update). */
        final double[] priorNorm;
        double logLikelihood;

        Stats(int classes, int d) {
            sumR = new double[classes];
            sumRX = new double[classes][d];
            sumRXX = new double[classes][d][d];
            priorNorm = new double[classes];
        }

        void add(Stats o) {
            for (int j = 0; j < sumR.length; j++) {
                sumR[j] += o.sumR[j];
                priorNorm[j] += o.priorNorm[j];
                for (int c = 0; c < sumRX[j].length; c++) {
                    sumRX[j][c] += o.sumRX[j][c];
                    for (int e = 0; e < sumRX[j].length; e++) {
                        sumRXX[j][c][e] += o.sumRXX[j][c][e];
                    }
                }
            }
            logLikelihood += o.logLikelihood;
        }
    }

    /** One EM step's worth of precomputed terms for a fixed model. */
    private static final class Engine {
        final float[][] data;
        final int n;
        final int d;
        final int k;
        final int classes;
        final float[][] priors;
        final Model model;
        /** Lower-triangular inverse Cholesky factors L⁻¹ with Σ = L Lᵀ, row-major. */
        final double[][] invChol;
        /** log N normalising constant per component: −½(d log 2π + log |Σ|). */
        final double[] logNorm;
        final double[] logWeight;
        final double[] weight;

        Engine(float[][] data, int n, float[][] priors, Model model) {
            this.data = data;
            this.n = n;
            this.d = data.length;
            this.k = model.k();
            this.classes = k + (model.outlierWeight() > 0 ? 1 : 0);
            this.priors = priors;
            this.model = model;
            invChol = new double[k][];
            logNorm = new double[k];
            weight = new double[classes];
            logWeight = new double[classes];
            for (int j = 0; j < k; j++) {
                double[] l = cholesky(model.covariances[j], j);
                double logDet = 0;
                for (int c = 0; c < d; c++) {
                    logDet += 2 * Math.log(l[c * d + c]);
                }
                invChol[j] = invertLower(l, d);
                logNorm[j] = -0.5 * (d * LOG_2PI + logDet);
                weight[j] = model.weights[j];
            }
            if (classes > k) {
                weight[k] = model.outlierWeight();
            }
            for (int j = 0; j < classes; j++) {
                logWeight[j] = Math.log(weight[j]);
            }
        }

        private double[] cholesky(double[][] cov, int component) {
            double[] l = new double[d * d];
            for (int r = 0; r < d; r++) {
                for (int c = 0; c <= r; c++) {
                    double s = cov[r][c];
                    for (int m = 0; m < c; m++) {
                        s -= l[r * d + m] * l[c * d + m];
                    }
                    if (r == c) {
                        if (!(s > 0)) {
                            throw new InvalidInputException("Gaussian component " + component
                                + " has a covariance that is not positive definite");
                        }
                        l[r * d + r] = Math.sqrt(s);
                    } else {
                        l[r * d + c] = s / l[c * d + c];
                    }
                }
            }
            return l;
        }

        private static double[] invertLower(double[] l, int d) {
            double[] inv = new double[d * d];
            for (int c = 0; c < d; c++) {
                inv[c * d + c] = 1 / l[c * d + c];
                for (int r = c + 1; r < d; r++) {
                    double s = 0;
                    for (int m = c; m < r; m++) {
                        s -= l[r * d + m] * inv[m * d + c];
                    }
                    inv[r * d + c] = s / l[r * d + r];
                }
            }
            return inv;
        }

        /** E-step: fills {@code resp} and returns the statistics for the M-step. */
        Stats expectation(float[][] resp, ExecutionContext ctx) {
            int blocks = Samples.blocks(n);
            Stats[] parts = new Stats[blocks];
            double logOutlier = classes > k ? Math.log(model.outlierDensity()) : 0;
            ctx.parallelFor(blocks, (from, to) -> {
                double[] logp = new double[classes];
                double[] x = new double[d];
                double[] y = new double[d];
                for (int b = from; b < to; b++) {
                    Stats s = new Stats(classes, d);
                    for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                        for (int c = 0; c < d; c++) {
                            x[c] = data[c][i];
                        }
                        double norm = 0;
                        if (priors != null) {
                            for (int j = 0; j < classes; j++) {
                                norm += weight[j] * Math.max(priors[j][i], 0f);
                            }
                            if (!(norm > 0)) {
                                for (int j = 0; j < classes; j++) {
                                    resp[j][i] = 0f;
                                }
                                continue;
                            }
                        }
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < classes; j++) {
                            double lw;
                            if (priors != null) {
                                float p = priors[j][i];
                                lw = p > 0 ? logWeight[j] + Math.log(p) - Math.log(norm) : Double.NEGATIVE_INFINITY;
                            } else {
                                lw = logWeight[j];
                            }
                            double v = lw + (j < k ? logDensity(j, x, y) : logOutlier);
                            logp[j] = v;
                            max = Math.max(max, v);
                        }
                        double sum = 0;
                        for (int j = 0; j < classes; j++) {
                            sum += Math.exp(logp[j] - max);
                        }
                        s.logLikelihood += max + Math.log(sum);
                        for (int j = 0; j < classes; j++) {
                            double r = Math.exp(logp[j] - max) / sum;
                            resp[j][i] = (float) r;
                            accumulate(s, j, r, x);
                            if (priors != null) {
                                s.priorNorm[j] += Math.max(priors[j][i], 0f) / norm;
                            }
                        }
                    }
                    parts[b] = s;
                }
            });
            Stats total = new Stats(classes, d);
            for (Stats s : parts) {
                total.add(s);
            }
            return total;
        }

        /** Statistics of given memberships (no E-step). */
        Stats accumulate(float[][] resp, ExecutionContext ctx) {
            int blocks = Samples.blocks(n);
            int rows = resp.length;
            Stats[] parts = new Stats[blocks];
            ctx.parallelFor(blocks, (from, to) -> {
                double[] x = new double[d];
                for (int b = from; b < to; b++) {
                    Stats s = new Stats(rows, d);
                    for (int i = Samples.blockStart(b), end = Samples.blockEnd(b, n); i < end; i++) {
                        for (int c = 0; c < d; c++) {
                            x[c] = data[c][i];
                        }
                        for (int j = 0; j < rows; j++) {
                            double r = Math.max(resp[j][i], 0f);
                            if (r > 0) {
                                accumulate(s, j, r, x);
                            }
                        }
                    }
                    parts[b] = s;
                }
            });
            Stats total = new Stats(rows, d);
            for (Stats s : parts) {
                total.add(s);
            }
            return total;
        }

        private void accumulate(Stats s, int j, double r, double[] x) {
            s.sumR[j] += r;
            for (int c = 0; c < d; c++) {
                double rx = r * x[c];
                s.sumRX[j][c] += rx;
                for (int e = 0; e <= c; e++) {
                    s.sumRXX[j][c][e] += rx * x[e];
                }
            }
        }

        private double logDensity(int j, double[] x, double[] y) {
            // Mahalanobis distance via y = L⁻¹ (x − μ)
            double[] inv = invChol[j];
            double[] mu = model.means[j];
            double q = 0;
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c <= r; c++) {
                    s += inv[r * d + c] * (x[c] - mu[c]);
                }
                y[r] = s;
                q += s * s;
            }
            return logNorm[j] - 0.5 * q;
        }

        /** M-step from the statistics; components with no membership keep their parameters. */
        Model maximisation(Stats s, double[] floor) {
            int rows = s.sumR.length;
            int gauss = Math.min(rows, k);
            double[][] means = new double[gauss][d];
            double[][][] cov = new double[gauss][d][d];
            for (int j = 0; j < gauss; j++) {
                if (!(s.sumR[j] > 1e-12)) {
                    means[j] = model.means[j].clone();
                    cov[j] = deepCopy(model.covariances[j]);
                    continue;
                }
                for (int c = 0; c < d; c++) {
                    means[j][c] = s.sumRX[j][c] / s.sumR[j];
                }
                for (int c = 0; c < d; c++) {
                    for (int e = 0; e <= c; e++) {
                        double v = s.sumRXX[j][c][e] / s.sumR[j] - means[j][c] * means[j][e];
                        cov[j][c][e] = v;
                        cov[j][e][c] = v;
                    }
                    cov[j][c][c] = Math.max(cov[j][c][c], 0) + floor[c];
                }
            }
            double[] w = new double[rows];
            double total = 0;
            for (int j = 0; j < rows; j++) {
                if (priors != null && rows == classes) {
                    // unified segmentation update: w_j = Σ r_ij / Σ (p_ij / Σ_l w_l p_il)
                    w[j] = s.priorNorm[j] > 0 ? s.sumR[j] / s.priorNorm[j] : 0;
                } else {
                    w[j] = s.sumR[j];
                }
                total += w[j];
            }
            double[] gw = new double[gauss];
            for (int j = 0; j < gauss; j++) {
                gw[j] = total > 0 ? w[j] / total : 1.0 / rows;
            }
            double ow = rows > k && total > 0 ? w[k] / total : 0;
            // a class whose weight reached zero would never come back; keep it representable
            for (int j = 0; j < gauss; j++) {
                gw[j] = Math.max(gw[j], 1e-12);
            }
            if (rows > k) {
                ow = Math.max(ow, 1e-12);
            }
            return new Model(gw, means, cov, ow, rows > k ? model.outlierDensity() : 0);
        }
    }
}
