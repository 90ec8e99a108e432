package org.plaque.registration;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.registration.metric.SamplingParams;
import org.plaque.registration.optimizer.Lbfgs;
import org.plaque.registration.transform.AffineTransform;

/**
 * Measurement harness (not a test): known-transform recovery on a real T1, real longitudinal FLAIR pairs
 * against the provided transforms, and timing on the peers' benchmark pair. Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes org.plaque.registration.RegistrationBench MODE [options]}.
 */
public final class RegistrationBench {
    private RegistrationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("data", "../../shared/data"));
        String mode = args[0];
        int threads = Integer.parseInt(System.getProperty("threads", "1"));
        Registration.Params params = params(System.getProperty("variant", "default"));
        System.out.println("variant=" + System.getProperty("variant", "default") + " threads=" + threads);
        System.out.println(params);
        switch (mode) {
            case "known" -> known(data, params, threads);
            case "pair" -> pairs(data, params, threads, args.length > 1 ? args[1].split(",") : new String[] {"01", "03", "19"});
            case "atlas" -> atlas(data, params, threads, args.length > 1 ? Path.of(args[1]) : null);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static Registration.Params params(String variant) {
        Registration.Params d = Registration.Params.DEFAULTS;
        for (String part : variant.split("\\+")) {
            String[] kv = part.split("=");
            switch (kv[0]) {
                case "default" -> { }
                case "itk" -> d = Registration.Params.ITK_RECIPE;
                case "random" -> d = d.withSampling(SamplingParams.random(Integer.parseInt(kv[1])));
                case "regular" -> d = d.withSampling(SamplingParams.regular(Double.parseDouble(kv[1])));
                case "all" -> d = d.withSampling(SamplingParams.all());
                case "lbfgs" -> d = d.withOptimizer(OptimizerKind.LBFGS, iters(kv[1]));
                case "rsgd" -> d = d.withOptimizer(OptimizerKind.REGULAR_STEP, iters(kv[1]));
                case "asgd" -> d = d.withOptimizer(OptimizerKind.ASGD, iters(kv[1]));
                case "bspline-opt" -> {
                    BSplineSchedule b = d.bspline();
                    d = d.withBSpline(new BSplineSchedule(b.controlSpacingsMm(), OptimizerKind.valueOf(kv[1]),
                        iters(kv[2]), SamplingParams.random(Integer.parseInt(kv[3]))));
                }
                case "moments" -> d = d.withInitialization(Initialization.MOMENTS);
                case "bspline" -> d = d.withStages(java.util.List.of(Stage.RIGID, Stage.AFFINE, Stage.BSPLINE));
                case "ms" -> d = d.withMetric(d.metric().withKind(org.plaque.registration.metric.MetricKind.MEAN_SQUARES));
                case "ncc" -> d = d.withMetric(d.metric().withKind(
                    org.plaque.registration.metric.MetricKind.NORMALIZED_CORRELATION));
                case "tol" -> {
                    Lbfgs.Params l = d.optimizers().lbfgs();
                    d = d.withOptimizers(d.optimizers().withLbfgs(new Lbfgs.Params(l.memory(), l.initialStep(),
                        l.maximumStep(), Double.parseDouble(kv[1]), Double.parseDouble(kv[2]), l.maxLineSearch())));
                }
                default -> throw new IllegalArgumentException(part);
            }
        }
        return d;
    }

    private static int[] iters(String s) {
        String[] p = s.split("x");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = Integer.parseInt(p[i]);
        }
        return r;
    }

    static ScalarVolume read(Path p) throws Exception {
        return NiftiReader.withDefaults().read(p).volume();
    }

    /** Mean distance (mm) between a(p) and b(p) over the points p of the mask. */
    static double meanError(Affine a, Affine b, Mask mask) {
        return meanError((in, out) -> a.apply(in[0], in[1], in[2], out), b, mask);
    }

    /** Mean distance (mm) between a(p) and b(p) over the points p of the mask. */
    static double meanError(org.plaque.registration.transform.Transform a, Affine b, Mask mask) {
        double s = 0;
        int n = 0;
        var g = mask.geometry();
        double[] w = new double[3];
        double[] p = new double[3];
        double[] q = new double[3];
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    if (mask.get(i)) {
                        g.voxelToWorld().apply(x, j, k, w);
                        a.transformPoint(w, p);
                        b.apply(w[0], w[1], w[2], q);
                        s += Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1])
                            + (p[2] - q[2]) * (p[2] - q[2]));
                        n++;
                    }
                }
            }
        }
        return s / n;
    }

    /** Result of one timed run. */
    record Run(RegistrationResult result, double wallS, double cpuS) {
    }

    static Run run(ScalarVolume fixed, ScalarVolume moving, Registration.Params p, int threads, long seed) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        RegistrationResult r;
        try (ExecutionContext ctx = ExecutionContext.of(threads, seed, ProgressListener.NONE)) {
            r = Registration.register(fixed, moving, null, null, p, ctx,
                rep -> System.out.println("  " + rep.summary()));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        return new Run(r, wall, cpu);
    }

    static void known(Path data, Registration.Params p, int threads) throws Exception {
        ScalarVolume t1 = read(data.resolve("lesjak2017_cross_sectional_mni/patient07/T1.nii.gz"));
        Mask brain = Mask.above(t1, 0);
        double[] c = Initialization.gridCentre(t1.geometry());
        Affine rigid = SyntheticImages.rigid(Math.toRadians(4), Math.toRadians(-3), Math.toRadians(5),
            new double[] {5, -4, 6}, c);
        Affine lin = Affine.ofRowMajor(1.05, 0.03, 0, 0, -0.02, 0.95, 0.02, 0, 0.01, 0, 1.02, 0);
        Affine affine = Affine.translation(c[0], c[1], c[2]).multiply(lin)
            .multiply(Affine.translation(-c[0], -c[1], -c[2])).multiply(rigid);
        String[] names = {"rigid", "affine"};
        Affine[] truths = {rigid, affine};
        for (int i = 0; i < 2; i++) {
            ScalarVolume moving;
            try (ExecutionContext ctx = ExecutionContext.of(threads, 1, ProgressListener.NONE)) {
                moving = Resample.scalar(t1, t1.geometry(), truths[i].inverse(), Interpolation.LINEAR, 0f, ctx);
            }
            Run r = run(t1, moving, p, threads, Long.getLong("seed", ExecutionContext.DEFAULT_SEED));
            System.out.printf(Locale.ROOT, "known %s: error %.4f mm (full transform %.4f mm, before %.2f mm) wall %.2f s "
                + "cpu %.2f s%n", names[i], meanError(r.result().affine(), truths[i], brain),
                meanError(r.result().transform(), truths[i], brain), meanError(Affine.identity(), truths[i], brain),
                r.wallS(), r.cpuS());
        }
    }

    /**
     * Pearson r of fixed and warped moving over the fixed image's non-zero voxels, and the Mattes MI (50 bins)
     * over all fixed voxels at full resolution: method-independent measures of an alignment.
     */
    static String quality(ScalarVolume fixed, ScalarVolume moving, Affine a) {
        ScalarVolume warped;
        double mi;
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            warped = Resample.scalar(moving, fixed.geometry(), a, Interpolation.LINEAR, 0f, ctx);
            var m = org.plaque.registration.metric.ImageMetric.create(
                org.plaque.registration.metric.MetricParams.DEFAULTS, fixed, null, moving, null,
                org.plaque.registration.metric.Sampler.sample(fixed, null, SamplingParams.all(), 1));
            mi = -m.value(org.plaque.registration.metric.MovingMapping.linear(
                AffineTransform.fromAffine(a, new double[3])), ctx);
        }
        return String.format(Locale.ROOT, "r=%.4f MI=%.5f", pearson(fixed, warped), mi);
    }

    /** Pearson r of two images over the first one's non-zero voxels. */
    static double pearson(ScalarVolume fixed, ScalarVolume warped) {
        double sf = 0, sw = 0, sff = 0, sww = 0, sfw = 0;
        int n = 0;
        for (int i = 0; i < fixed.geometry().voxelCount(); i++) {
            double f = fixed.get(i);
            if (f != 0) {
                double w = warped.get(i);
                sf += f;
                sw += w;
                sff += f * f;
                sww += w * w;
                sfw += f * w;
                n++;
            }
        }
        double cov = sfw - sf * sw / n;
        return cov / Math.sqrt((sff - sf * sf / n) * (sww - sw * sw / n));
    }

    /** ITK MatrixOffsetTransformBase text file (LPS) → world RAS affine. */
    static Affine readItkAffine(Path file) throws Exception {
        double[] par = null;
        double[] fixed = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("Parameters:")) {
                par = numbers(line.substring(11));
            } else if (line.startsWith("FixedParameters:")) {
                fixed = numbers(line.substring(16));
            }
        }
        double[] m = new double[12];
        for (int r = 0; r < 3; r++) {
            double off = par[9 + r] + fixed[r];
            for (int k = 0; k < 3; k++) {
                m[4 * r + k] = par[3 * r + k];
                off -= par[3 * r + k] * fixed[k];
            }
            m[4 * r + 3] = off;
        }
        Affine lps = Affine.ofRowMajor(m);
        Affine flip = Affine.scaling(-1, -1, 1);
        return flip.multiply(lps).multiply(flip);
    }

    private static double[] numbers(String s) {
        String[] t = s.trim().split("\\s+");
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = Double.parseDouble(t[i]);
        }
        return r;
    }

    static void pairs(Path data, Registration.Params p, int threads, String[] patients) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String id : patients) {
            Path dir = data.resolve("lesjak2016_longitudinal/patient" + id);
            ScalarVolume s1 = read(dir.resolve("study1_FLAIR.nii.gz"));
            ScalarVolume s2 = read(dir.resolve("study2_FLAIR.nii.gz"));
            Affine t1 = readItkAffine(dir.resolve("study1_FLAIR_to_common_space.txt"));
            Affine t2 = readItkAffine(dir.resolve("study2_FLAIR_to_common_space.txt"));
            Mask brain = Mask.above(read(dir.resolve("brainmask.nii.gz")), 0.5);
            // fixed = study2, moving = study1: reference q2 ↦ T1(T2⁻¹(q2)); compare on common-grid brain points p
            Run r = run(s2, s1, p, threads, Long.getLong("seed", ExecutionContext.DEFAULT_SEED));
            Affine found = r.result().affine().multiply(t2);
            String line = String.format(Locale.ROOT, "pair patient%s: error %.4f mm (identity %.2f mm) wall %.2f s cpu %.2f s",
                id, meanError(found, t1, brain), meanError(t2, t1, brain), r.wallS(), r.cpuS());
            System.out.println(line);
            lines.add(line);
        }
        lines.forEach(System.out::println);
    }

    static void atlas(Path data, Registration.Params p, int threads, Path itkTransform) throws Exception {
        ScalarVolume fixed = read(data.resolve("lesjak2017_cross_sectional_mni/patient19/T1.nii.gz"));
        ScalarVolume moving = read(data.resolve(
            "mni_icbm152_nlin_sym_09a/atlas/mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz"));
        int runs = Integer.parseInt(System.getProperty("runs", "1"));
        for (String other : System.getProperty("others", "").split(",")) {
            if (!other.isBlank()) {
                System.out.println("  quality of " + other + ": " + quality(fixed, moving, readItkAffine(Path.of(other))));
            }
        }
        for (int i = 0; i < runs; i++) {
            Run r = run(fixed, moving, p, threads, Long.getLong("seed", ExecutionContext.DEFAULT_SEED));
            System.out.printf(Locale.ROOT, "atlas run %d: wall %.2f s cpu %.2f s%n", i, r.wallS(), r.cpuS());
            System.out.println("  affine " + r.result().affine());
            System.out.println("  quality: " + quality(fixed, moving, r.result().affine()));
            if (r.result().deformation().isPresent()) {
                try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
                    System.out.printf(Locale.ROOT, "  full transform: r=%.4f%n", pearson(fixed,
                        Resample.scalar(moving, fixed.geometry(), r.result().transform(), Interpolation.LINEAR, 0f, ctx)));
                }
            }
            if (itkTransform != null) {
                System.out.printf(Locale.ROOT, "  vs %s: mean %.4f mm over fixed nonzero%n", itkTransform,
                    meanError(r.result().affine(), readItkAffine(itkTransform), Mask.above(fixed, 0)));
            }
        }
    }
}
