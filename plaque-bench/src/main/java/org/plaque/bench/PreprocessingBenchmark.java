package org.plaque.bench;

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
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.bias.N4BiasCorrection;
import org.plaque.filter.smoothing.BilateralFilter;
import org.plaque.filter.smoothing.CurvatureAnisotropicDiffusion;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.filter.smoothing.NonLocalMeans;
import org.plaque.image.ScalarVolume;

/** The denoisers and N4 bias correction with their documented defaults, on 1 and 2 threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PreprocessingBenchmark {
    @Param({"1", "2"})
    int threads;

    private ScalarVolume flair;
    private ExecutionContext ctx;

    @Setup(Level.Trial)
    public void setUp() {
        flair = BenchInputs.flair();
        ctx = ExecutionContext.of(threads, ExecutionContext.DEFAULT_SEED, ProgressListener.NONE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ctx.close();
    }

    @Benchmark
    public ScalarVolume gradientAnisotropicDiffusion() {
        return GradientAnisotropicDiffusion.withDefaults().apply(flair, ctx);
    }

    @Benchmark
    public ScalarVolume curvatureAnisotropicDiffusion() {
        return CurvatureAnisotropicDiffusion.withDefaults().apply(flair, ctx);
    }

    @Benchmark
    public ScalarVolume bilateral() {
        return BilateralFilter.withDefaults().apply(flair, ctx);
    }

    @Benchmark
    public ScalarVolume nonLocalMeans() {
        return NonLocalMeans.withDefaults().apply(flair, ctx);
    }

    @Benchmark
    public N4BiasCorrection.Result n4() {
        return N4BiasCorrection.withDefaults().apply(flair, ctx);
    }
}
