package org.plaque.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.image.Connectivity;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.lesion.LesionTable;
import org.plaque.testkit.phantom.PhantomCase;

/**
 * Resampling (5° rotation about the volume centre, as the ITK yardstick's rot5.txt), NIfTI reading,
 * lesion tables and evaluation on the 1 mm phantom.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CoreBenchmark {
    @Param({"1", "2"})
    int threads;

    private ScalarVolume flair;
    private Mask lesions;
    private Mask shiftedLesions;
    private Affine rotation;
    private Path niftiGz;
    private ExecutionContext ctx;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        PhantomCase phantom = BenchInputs.phantom();
        flair = BenchInputs.flair();
        lesions = phantom.lesionMask();
        shiftedLesions = Resample.mask(lesions, lesions.geometry(), Affine.translation(1, 0, 0),
            ExecutionContext.singleThreaded());
        double[] c = flair.geometry().voxelToWorld().apply(
            (flair.geometry().nx() - 1) / 2.0, (flair.geometry().ny() - 1) / 2.0, (flair.geometry().nz() - 1) / 2.0);
        double a = Math.toRadians(5);
        Affine rot = Affine.ofRowMajor(Math.cos(a), -Math.sin(a), 0, 0, Math.sin(a), Math.cos(a), 0, 0, 0, 0, 1, 0);
        rotation = Affine.translation(c[0], c[1], c[2]).multiply(rot).multiply(Affine.translation(-c[0], -c[1], -c[2]));
        niftiGz = Files.createTempFile("plaque-bench", ".nii.gz");
        NiftiWriter.write(flair, niftiGz);
        ctx = ExecutionContext.of(threads, ExecutionContext.DEFAULT_SEED, ProgressListener.NONE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ctx.close();
        Files.deleteIfExists(niftiGz);
    }

    @Benchmark
    public ScalarVolume resampleLinear() {
        return Resample.scalar(flair, flair.geometry(), rotation, Interpolation.LINEAR, 0f, ctx);
    }

    @Benchmark
    public ScalarVolume resampleNearest() {
        return Resample.scalar(flair, flair.geometry(), rotation, Interpolation.NEAREST, 0f, ctx);
    }

    @Benchmark
    public ScalarVolume readNiftiGz() {
        return NiftiReader.withDefaults().readScalar(niftiGz);
    }

    @Benchmark
    public LesionTable lesionTable() {
        return LesionTable.of(lesions, Connectivity.DEFAULT, 0);
    }

    @Benchmark
    public EvaluationResult evaluate() {
        return SegmentationEvaluation.evaluate(shiftedLesions, lesions, LesionWiseRule.MSSEG, ctx);
    }
}
