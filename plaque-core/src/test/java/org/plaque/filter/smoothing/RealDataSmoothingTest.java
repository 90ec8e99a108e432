package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Tolerance;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.ItkPeer;
import org.plaque.testing.RealData;

/**
 * The ITK-equivalent denoisers against ITK 5.2 itself (the peer programs located by
 * {@link ItkPeer}) on a real FLAIR volume: the outputs must agree to a
 * relative RMS difference far below the required 1 %. Skipped without the data or the peer programs.
 * Settings are lighter than the defaults where ITK would be slow (curvature 3 iterations, bilateral 0.8 mm),
 * to keep the test near half a minute.
 */
@Tag(RealData.TAG)
class RealDataSmoothingTest {
    private static final String FLAIR = "lesjak2017_cross_sectional_mni/patient19/FLAIR.nii.gz";

    @TempDir
    static Path tmp;

    static Path input;
    static ScalarVolume flair;

    @BeforeAll
    static void load() {
        input = RealData.file(FLAIR);
        flair = NiftiReader.withDefaults().readScalar(input);
    }


    /** Runs a peer program with 2 threads and reads its output. */
    static ScalarVolume runPeer(String program, String... args) throws IOException, InterruptedException {
        Path out = tmp.resolve(program + ".nii.gz");
        List<String> cmd = new ArrayList<>();
        cmd.add(ItkPeer.program(program).toString());
        cmd.add(input.toString());
        cmd.add(out.toString());
        cmd.addAll(List.of(args));
        cmd.add("--threads");
        cmd.add("2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isEqualTo(0);
        return NiftiReader.withDefaults().readScalar(out);
    }

    static double relativeRms(ScalarVolume reference, ScalarVolume candidate) {
        assertThat(candidate.geometry().sameGrid(reference.geometry(), Tolerance.DEFAULT)).isTrue();
        double d = 0;
        double r = 0;
        for (int i = 0; i < reference.geometry().voxelCount(); i++) {
            double a = reference.get(i);
            double b = candidate.get(i);
            d += (b - a) * (b - a);
            r += a * a;
        }
        return Math.sqrt(d / r);
    }

    private static ScalarVolume plaque(Denoiser d) {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            return d.apply(flair, ctx);
        }
    }

    @Test
    void gradientAnisotropicDiffusionEqualsItk() throws Exception {
        ScalarVolume itk = runPeer("anisotropic_diffusion", "10", "1.0", "0.0625");
        assertThat(relativeRms(itk, plaque(GradientAnisotropicDiffusion.withDefaults()))).isLessThan(1e-5);
    }

    @Test
    void curvatureAnisotropicDiffusionEqualsItk() throws Exception {
        ScalarVolume itk = runPeer("curvature_diffusion", "3", "1.0", "0.0625");
        ScalarVolume java = plaque(new CurvatureAnisotropicDiffusion(new CurvatureAnisotropicDiffusion.Params(3, 1.0, 0.0625)));
        assertThat(relativeRms(itk, java)).isLessThan(1e-5);
    }

    @Test
    void bilateralFilterEqualsItk() throws Exception {
        ScalarVolume itk = runPeer("bilateral", "0.8", "9.89");
        assertThat(relativeRms(itk, plaque(new BilateralFilter(new BilateralFilter.Params(0.8, 9.89))))).isLessThan(1e-5);
    }

    @Test
    void nonLocalMeansRemovesNoiseButKeepsTheImage() {
        ScalarVolume out = plaque(NonLocalMeans.withDefaults());
        double sigmaBefore = NoiseEstimate.sigma(flair);
        assertThat(NoiseEstimate.sigma(out)).isLessThan(0.5 * sigmaBefore);
        assertThat(relativeRms(flair, out)).isLessThan(0.15);
    }
}
