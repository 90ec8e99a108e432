package org.plaque.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What long work needs from its caller: a thread count, a random seed, a progress listener and a
 * cancellation flag. Nothing in Plaque reads these from global state, so the same input and seed give
 * bit-identical output whatever else runs in the JVM.
 *
 * <p>Work split with {@link #parallelFor} is deterministic: each chunk writes disjoint output and the
 * chunking does not depend on timing. Close the context to release its threads.
 */
public final class ExecutionContext implements AutoCloseable {
    /** Seed used when the caller gives none. */
    public static final long DEFAULT_SEED = 42L;

    private final int threads;
    private final long seed;
    private final ProgressListener progress;
    /** The context whose pool the current thread belongs to, if any (detects nested parallelFor calls). */
    private static final ThreadLocal<ExecutionContext> OWNER = new ThreadLocal<>();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private ExecutorService pool;

    private ExecutionContext(int threads, long seed, ProgressListener progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.seed = seed;
        this.progress = progress;
    }

    /** A context with the given thread count, seed and progress listener. */
    public static ExecutionContext of(int threads, long seed, ProgressListener progress) {
        return new ExecutionContext(threads, seed, progress);
    }

    /** One thread per available processor, the default seed, no progress output. */
    public static ExecutionContext defaults() {
        return new ExecutionContext(Runtime.getRuntime().availableProcessors(), DEFAULT_SEED, ProgressListener.NONE);
    }

    /** One thread, the default seed, no progress output: for tests and small work. */
    public static ExecutionContext singleThreaded() {
        return new ExecutionContext(1, DEFAULT_SEED, ProgressListener.NONE);
    }

    public int threads() {
        return threads;
    }

    public long seed() {
        return seed;
    }

    public ProgressListener progress() {
        return progress;
    }

    /** Asks running work to stop at its next check. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @throws CancelledException if {@link #cancel()} was called */
    public void checkCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }

    /** A body that processes the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) split into contiguous chunks, on up to {@link #threads()} threads, and
     * waits for all of them. Chunks are fixed by n and the thread count alone. If a chunk throws, no further
     * chunks start, the call still waits until every chunk under way has finished (so no body is running
     * when it returns or throws), and then rethrows the first failure in chunk-submission order (unchecked
     * exceptions and errors as they are). A call made from inside a body running on this context's threads
     * runs its chunks on the calling thread, in order, rather than waiting for threads that are all busy.
     *
     * @throws CancelledException if the context is cancelled before or while the work runs, or the calling
     *                            thread is interrupted while waiting
     */
    public void parallelFor(int n, RangeBody body) {
        checkCancelled();
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(n, threads * 4);
        if (threads == 1 || chunks == 1) {
            body.run(0, n);
            return;
        }
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            bounds[c] = (int) ((long) n * c / chunks);
        }
        if (OWNER.get() == this) {
            // nested call: every worker may be blocked in an outer parallelFor, so waiting for one would deadlock
            for (int c = 0; c < chunks; c++) {
                checkCancelled();
                body.run(bounds[c], bounds[c + 1]);
            }
            return;
        }
        ExecutorService exec = pool();
        List<Future<?>> futures = new ArrayList<>(chunks);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        for (int t = 0; t < Math.min(threads, chunks); t++) {
            futures.add(exec.submit(() -> {
                try {
                    for (int c = next.getAndIncrement(); c < chunks && !failed.get(); c = next.getAndIncrement()) {
                        checkCancelled();
                        body.run(bounds[c], bounds[c + 1]);
                    }
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }));
        }
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // stop handing out chunks, but still wait: the running ones write into the caller's output
                    interrupted = true;
                    failed.set(true);
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(() -> {
                    OWNER.set(this);
                    r.run();
                }, "plaque-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
