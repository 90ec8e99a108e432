package org.plaque.pipeline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.cohort.CaseProcessor;
import org.plaque.pipeline.cohort.CaseReport;
import org.plaque.pipeline.cohort.CohortCase;

/**
 * A fast stand-in for the segmentation pipeline in cohort tests: reads the case's FLAIR, calls voxels above
 * 300 "lesion", and writes {@code lesion_mask.nii.gz}, {@code noise.txt} (numbers drawn from the context's
 * seed, to check that seeds are passed on) and {@code report.json} ({@code lesion_load_mm3}, {@code
 * lesion_count} = 1 if any lesion voxel, {@code preset}, {@code threads}).
 *
 * <p>Test hooks: cases that fail (after writing a partial result), cases that write no report, a latch to
 * prove that cases run concurrently, and counters of calls and of the most cases running at once.
 */
public final class FakeCaseProcessor implements CaseProcessor {
    private final String preset;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> noReport = ConcurrentHashMap.newKeySet();
    private final Set<String> computed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final Set<Integer> threadCounts = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch together;
    private volatile boolean reusable = true;

    public FakeCaseProcessor(String preset) {
        this.preset = preset;
    }

    /** The case {@code id} fails (after writing a partial result) with "simulated failure of <id>". */
    public FakeCaseProcessor failing(String... ids) {
        failing.addAll(Set.of(ids));
        return this;
    }

    /** The case {@code id} finishes without writing report.json. */
    public FakeCaseProcessor withoutReport(String... ids) {
        noReport.addAll(Set.of(ids));
        return this;
    }

    /** Each case waits (up to 10 s) until {@code n} cases are running at the same time. */
    public FakeCaseProcessor together(int n) {
        together = new CountDownLatch(n);
        return this;
    }

    /** Whether {@link #canReuse} accepts earlier results (default true). */
    public FakeCaseProcessor reusable(boolean r) {
        reusable = r;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    public int maxRunning() {
        return maxRunning.get();
    }

    /** Thread counts the cases' contexts had. */
    public Set<Integer> threadCounts() {
        return new HashSet<>(threadCounts);
    }

    /** Ids of the cases computed (successfully or not). */
    public Set<String> computed() {
        return new HashSet<>(computed);
    }

    @Override
    public void process(CohortCase c, Path dir, ExecutionContext ctx) throws Exception {
        calls.incrementAndGet();
        computed.add(c.id());
        threadCounts.add(ctx.threads());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            CountDownLatch latch = together;
            if (latch != null) {
                latch.countDown();
                latch.await(10, TimeUnit.SECONDS);
            }
            Mask lesions = Mask.above(NiftiReader.withDefaults().readScalar(c.flair()), 300);
            NiftiWriter.write(lesions, dir.resolve("lesion_mask.nii.gz"));
            Random random = new Random(ctx.seed() * 31 + c.id().hashCode());
            text(dir.resolve("noise.txt"), random.nextLong() + "\n" + random.nextLong() + "\n");
            if (failing.contains(c.id())) {
                throw new InvalidInputException(c.flair() + ": simulated failure of " + c.id()
                    + "\nsecond line of the message");
            }
            if (!noReport.contains(c.id())) {
                text(dir.resolve(CaseReport.FILE), String.format(Locale.ROOT,
                    "{\"subject\": \"%s\", \"lesion_load_mm3\": %s, \"lesion_count\": %d, \"preset\": \"%s\","
                        + " \"threads\": %d}%n", c.id(), lesions.volumeMm3(), lesions.count() > 0 ? 1 : 0, preset,
                    ctx.threads()));
            }
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public boolean canReuse(CohortCase c, CaseReport existing) {
        return reusable && existing.preset().equals(preset);
    }

    private static void text(Path file, String s) throws IOException {
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }
}
