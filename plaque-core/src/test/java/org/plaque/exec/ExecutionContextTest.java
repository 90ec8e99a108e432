package org.plaque.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ExecutionContextTest {

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        qt().withFixedSeed(11).withExamples(60).forAll(integers().between(0, 500), integers().between(1, 5))
            .checkAssert((n, threads) -> {
                try (ExecutionContext ctx = ExecutionContext.of(threads, 1, ProgressListener.NONE)) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                    ctx.parallelFor(n, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertThat(hits.get(i)).as("index %d of %d", i, n).isEqualTo(1);
                    }
                }
            });
    }

    @Test
    void chunksDependOnlyOnSizeAndThreadCount() {
        try (ExecutionContext ctx = ExecutionContext.of(3, 1, ProgressListener.NONE)) {
            List<String> first = chunks(ctx, 1000);
            for (int run = 0; run < 5; run++) {
                assertThat(chunks(ctx, 1000)).isEqualTo(first);
            }
            assertThat(first).hasSize(12); // 4 chunks per thread
            assertThat(first.get(0)).isEqualTo("0-83");
        }
        try (ExecutionContext other = ExecutionContext.of(3, 99, ProgressListener.NONE)) {
            assertThat(chunks(other, 1000)).hasSize(12);
        }
    }

    private static List<String> chunks(ExecutionContext ctx, int n) {
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        ctx.parallelFor(n, (from, to) -> seen.add(from + "-" + to));
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a.split("-")[0]), Integer.parseInt(b.split("-")[0])));
        return sorted;
    }

    @Test
    void outputIsTheSameForAnyThreadCount() {
        double[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            double[] out = new double[777];
            try (ExecutionContext ctx = ExecutionContext.of(threads, 5, ProgressListener.NONE)) {
                ctx.parallelFor(out.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        out[i] = Math.sin(i) * Math.sqrt(i);
                    }
                });
            }
            if (reference == null) {
                reference = out;
            } else {
                assertThat(out).containsExactly(reference);
            }
        }
    }

    @Test
    void emptyRangeRunsNothing() {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            AtomicInteger calls = new AtomicInteger();
            ctx.parallelFor(0, (from, to) -> calls.incrementAndGet());
            ctx.parallelFor(-3, (from, to) -> calls.incrementAndGet());
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void exceptionsPropagateUnchanged() {
        for (int threads : new int[] {1, 3}) {
            try (ExecutionContext ctx = ExecutionContext.of(threads, 1, ProgressListener.NONE)) {
                IllegalStateException boom = new IllegalStateException("boom");
                assertThatThrownBy(() -> ctx.parallelFor(100, (from, to) -> {
                    if (to == 100) {
                        throw boom;
                    }
                })).isSameAs(boom);
                AssertionError err = new AssertionError("error");
                assertThatThrownBy(() -> ctx.parallelFor(100, (from, to) -> {
                    if (from == 0) {
                        throw err;
                    }
                })).isSameAs(err);
                // the context stays usable after a failure
                AtomicInteger sum = new AtomicInteger();
                ctx.parallelFor(10, (from, to) -> sum.addAndGet(to - from));
                assertThat(sum).hasValue(10);
            }
        }
    }

    @Test
    void noChunkIsStillRunningWhenAFailureIsReported() {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            assertThatThrownBy(() -> ctx.parallelFor(8, (from, to) -> {
                running.incrementAndGet();
                started.incrementAndGet();
                try {
                    if (from == 0) {
                        throw new IllegalArgumentException("first chunk fails at once");
                    }
                    sleep(100);
                } finally {
                    running.decrementAndGet();
                }
            })).isInstanceOf(IllegalArgumentException.class);
            // the caller must not see the failure while other chunks still write into shared output
            assertThat(running).hasValue(0);
            // and work after a failure is abandoned: one chunk per thread at most was under way
            assertThat(started.get()).isLessThan(8);
        }
    }

    @Test
    void cancelledContextRefusesWorkAndStopsRunningWork() {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            AtomicInteger chunksRun = new AtomicInteger();
            assertThatThrownBy(() -> ctx.parallelFor(8, (from, to) -> {
                chunksRun.incrementAndGet();
                if (from == 0) {
                    ctx.cancel();
                } else {
                    sleep(50);
                }
            })).isInstanceOf(CancelledException.class);
            assertThat(chunksRun.get()).isLessThan(8);
            assertThatThrownBy(ctx::checkCancelled).isInstanceOf(CancelledException.class);
            assertThatThrownBy(() -> ctx.parallelFor(4, (from, to) -> { }))
                .isInstanceOf(CancelledException.class);
        }
        ExecutionContext single = ExecutionContext.singleThreaded();
        single.cancel();
        assertThatThrownBy(() -> single.parallelFor(4, (from, to) -> { })).isInstanceOf(CancelledException.class);
    }

    @Test
    void nestedParallelForOnTheSameContextDoesNotDeadlock() {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(20 * 30);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ctx.parallelFor(20, (from, to) -> {
                for (int outer = from; outer < to; outer++) {
                    int o = outer;
                    ctx.parallelFor(30, (a, b) -> {
                        for (int inner = a; inner < b; inner++) {
                            hits.incrementAndGet(o * 30 + inner);
                        }
                    });
                }
            }));
            for (int i = 0; i < hits.length(); i++) {
                assertThat(hits.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void settingsAndValidation() {
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        try (ExecutionContext ctx = ExecutionContext.of(3, 123, (stage, f) -> fractions.add(f))) {
            assertThat(ctx.threads()).isEqualTo(3);
            assertThat(ctx.seed()).isEqualTo(123);
            ctx.progress().update("x", 0.5);
            assertThat(fractions).containsExactly(0.5);
        }
        assertThat(ExecutionContext.singleThreaded().threads()).isEqualTo(1);
        assertThat(ExecutionContext.defaults().seed()).isEqualTo(ExecutionContext.DEFAULT_SEED);
        assertThatThrownBy(() -> ExecutionContext.of(0, 1, ProgressListener.NONE))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usableAgainAfterClose() {
        ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE);
        AtomicInteger sum = new AtomicInteger();
        ctx.parallelFor(50, (from, to) -> sum.addAndGet(to - from));
        ctx.close();
        ctx.parallelFor(50, (from, to) -> sum.addAndGet(to - from));
        ctx.close();
        assertThat(sum).hasValue(100);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
