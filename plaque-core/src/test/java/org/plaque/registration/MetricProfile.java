package org.plaque.registration;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.metric.*;
import org.plaque.registration.transform.AffineTransform;

/** Measurement harness (not a test): CPU time per metric evaluation on the peers' benchmark pair at full resolution. */
public final class MetricProfile {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("data", "../../shared/data"));
        ScalarVolume fixed = RegistrationBench.read(data.resolve("lesjak2017_cross_sectional_mni/patient19/T1.nii.gz"));
        ScalarVolume moving = RegistrationBench.read(data.resolve(
            "mni_icbm152_nlin_sym_09a/atlas/mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz"));
        SamplePoints s = Sampler.sample(fixed, null, SamplingParams.regular(0.25), 1);
        var bean = ManagementFactory.getThreadMXBean();
        for (MetricKind kind : MetricKind.values()) {
            ImageMetric m = ImageMetric.create(new MetricParams(kind, 50), fixed, null, moving, null, s);
            double[] c = Initialization.gridCentre(fixed.geometry());
            AffineTransform t = AffineTransform.fromAffine(Affine.ofRowMajor(1.13, 0.02, 0, 0, 0.03, 1.14, 0.14, 7, 0, -0.3, 1.26, -12), c);
            MovingMapping map = MovingMapping.linear(t);
            double[] g = new double[12];
            int reps = Integer.parseInt(System.getProperty("reps", "30"));
            try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
                for (int warm = 0; warm < 5; warm++) {
                    m.valueAndGradient(map, g, ctx);
                }
                long c0 = bean.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    m.valueAndGradient(map, g, ctx);
                }
                double per = (bean.getCurrentThreadCpuTime() - c0) / 1e9 / reps;
                System.out.printf("%s: %.1f ms per value+gradient, %.1f ns per sample (%d samples)%n", kind, per * 1e3,
                    per * 1e9 / s.count(), s.count());
                c0 = bean.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    m.value(map, ctx);
                }
                per = (bean.getCurrentThreadCpuTime() - c0) / 1e9 / reps;
                System.out.printf("%s: %.1f ms per value, %.1f ns per sample%n", kind, per * 1e3, per * 1e9 / s.count());
            }
        }
    }
}
