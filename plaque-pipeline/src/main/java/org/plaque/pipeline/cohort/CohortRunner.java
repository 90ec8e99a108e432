package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.plaque.InvalidInputException;
import org.plaque.exec.CancelledException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;

/**
 * Runs a {@link CaseProcessor} over every case of a cohort, writing one result folder per case
 * ({@code OUT/sub-<subject>[_ses-<session>]/}) and the cohort summaries ({@link CohortSummaries}).
 *
 * <ul>
 * <li><b>Parallel:</b> up to {@link Options#jobs()} cases at once, each with {@link Options#threadsPerJob()}
 *     threads (the total divided by the jobs, at least 1); cases start in the cohort's order.</li>
 * <li><b>Deterministic:</b> every case gets the cohort's seed (not one derived from its position), so a case
 *     gives the same result in any cohort, with any number of jobs, and as a single {@code plaque segment}
 *     run with that seed — provided the processor's result does not depend on its thread count, which holds
 *     for Plaque's pipeline.</li>
 * <li><b>Failures isolated:</b> a case is computed in a private staging folder ({@code OUT/.plaque-staging/})
 *     and moved into place only when complete (with a valid {@code report.json}); a failing case's staging
 *     folder is deleted, its error is recorded (one line), and the other cases go on. A failed rerun leaves
 *     an earlier complete result of that case untouched.</li>
 * <li><b>Resumable:</b> with {@link Options#resume()}, a case whose folder already holds a complete result
 *     ({@link CaseReport#read}) that the processor accepts ({@link CaseProcessor#canReuse}) is kept, not
 *     computed. Without it, complete results are computed again and replaced.</li>
 * <li><b>Safe with foreign folders:</b> a case folder that exists but holds no complete result (not made by
 *     Plaque, or edited) is never replaced: that case fails with a message saying to move it away. Empty
 *     folders are replaced.</li>
 * <li><b>One run per folder:</b> a lock file ({@code OUT/.plaque-cohort.lock}) keeps a second run from
 *     writing into the same folder at the same time.</li>
 * </ul>
 */
public final class CohortRunner {
    /** Hidden folder of the cases being computed; removed at the end of a run. */
    public static final String STAGING = ".plaque-staging";
    /** Hidden lock file held while a run writes into the output folder. */
    public static final String LOCK = ".plaque-cohort.lock";

    private final CaseProcessor processor;
    private final Options options;
    private final CohortListener listener;

    /**
     * How to run a cohort.
     *
     * @param jobs     cases computed at the same time (≥ 1)
     * @param threads  threads in total (≥ 1), shared among the jobs
     * @param seed     the seed every case gets
     * @param resume   keep complete results of an earlier run
     * @param settings name → value lines describing the run (preset, seed, …), shown in {@code index.html}
     */
    public record Options(int jobs, int threads, long seed, boolean resume, Map<String, String> settings) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** Threads of each case: {@code threads / jobs}, at least 1. */
        public int threadsPerJob() {
            return Math.max(1, threads / jobs);
        }
    }

    /**
     * @param processor the work per case
     * @param options   jobs, threads, seed, resume
     * @param listener  hears progress (e.g. a progress bar)
     */
    public CohortRunner(CaseProcessor processor, Options options, CohortListener listener) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs every case and writes {@code lesion_load.csv}, {@code failures.csv} and {@code index.html} into
     * {@code out} (created if needed).
     *
     * @param cases the cohort ({@link CohortDiscovery}); ids must be unique (also ignoring case)
     * @return the outcome of every case, in the cohort's order
     * @throws IOException          if the output folder or a summary cannot be written (case failures do not
     *                              throw: they are in the result)
     * @throws IllegalStateException if another run holds the output folder's lock
     * @throws CancelledException   if the calling thread is interrupted (running cases finish first)
     */
    public CohortResult run(List<CohortCase> cases, Path out) throws IOException {
        List<CohortCase> ordered = CohortDiscovery.ordered(cases, "cohort");
        if (ordered.isEmpty()) {
            throw new InvalidInputException("the cohort has no case");
        }
        Files.createDirectories(out);
        try (FileChannel lockChannel = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = tryLock(lockChannel, out)) {
            Path staging = out.resolve(STAGING);
            deleteRecursively(staging);
            CohortResult result = runLocked(ordered, out, staging);
            CohortSummaries.write(result, out, options.settings());
            deleteIfEmpty(staging);
            listener.finished(result);
            return result;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path out) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("another cohort run is writing into " + out + " (lock " + LOCK + ")");
        }
        return lock;
    }

    private CohortResult runLocked(List<CohortCase> cases, Path out, Path staging) throws IOException {
        Map<CohortCase, CaseOutcome> decided = new HashMap<>();
        List<CohortCase> pending = new ArrayList<>();
        for (CohortCase c : cases) {
            Optional<CaseOutcome> early = beforeComputing(c, out.resolve(c.id()));
            if (early.isPresent()) {
                decided.put(c, early.get());
            } else {
                pending.add(c);
            }
        }
        int total = cases.size();
        AtomicInteger done = new AtomicInteger();
        Object listenerLock = new Object();
        listener.started(total, pending.size());
        for (CohortCase c : cases) {
            CaseOutcome o = decided.get(c);
            if (o != null) {
                synchronized (listenerLock) {
                    listener.caseFinished(o, done.incrementAndGet(), total);
                }
            }
        }
        if (!pending.isEmpty()) {
            Files.createDirectories(staging);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.jobs(), pending.size()), r -> {
                Thread t = new Thread(r, "plaque-cohort");
                t.setDaemon(true);
                return t;
            });
            try {
                Map<CohortCase, Future<CaseOutcome>> futures = new LinkedHashMap<>();
                for (CohortCase c : pending) {
                    futures.put(c, pool.submit(() -> {
                        CaseOutcome o = compute(c, out.resolve(c.id()), staging);
                        synchronized (listenerLock) {
                            listener.caseFinished(o, done.incrementAndGet(), total);
                        }
                        return o;
                    }));
                }
                for (Map.Entry<CohortCase, Future<CaseOutcome>> e : futures.entrySet()) {
                    decided.put(e.getKey(), await(e.getValue()));
                }
            } finally {
                pool.shutdown();
            }
        }
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (CohortCase c : cases) {
            outcomes.add(decided.get(c));
        }
        return new CohortResult(outcomes);
    }

    private static CaseOutcome await(Future<CaseOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            // compute() catches the failures of a case; what reaches here is a listener's or a JVM error
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The outcome decided without computing (reused, or a folder that must not be replaced), if any. */
    private Optional<CaseOutcome> beforeComputing(CohortCase c, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<CaseReport> existing = Files.isDirectory(target) ? CaseReport.read(target) : Optional.empty();
        if (existing.isPresent()) {
            if (options.resume() && processor.canReuse(c, existing.get())) {
                return Optional.of(CaseOutcome.resumed(c, existing.get()));
            }
            return Optional.empty();
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && isEmpty(target)) {
            return Optional.empty();
        }
        return Optional.of(CaseOutcome.refused(c, target + " exists but holds no complete result (no valid "
            + CaseReport.FILE + "); move it away or delete it, then run again"));
    }

    private CaseOutcome compute(CohortCase c, Path target, Path stagingRoot) {
        long start = System.nanoTime();
        Path staging = stagingRoot.resolve(c.id());
        try {
            deleteRecursively(staging);
            Files.createDirectories(staging);
            try (ExecutionContext ctx = ExecutionContext.of(options.threadsPerJob(), options.seed(),
                ProgressListener.NONE)) {
                processor.process(c, staging, ctx);
            }
            CaseReport report = CaseReport.read(staging).orElseThrow(() -> new IllegalStateException(
                "the case's processing finished without a valid " + CaseReport.FILE));
            install(staging, target, stagingRoot.resolve(c.id() + ".old"));
            return CaseOutcome.ok(c, report, elapsedMs(start));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            try {
                deleteRecursively(staging);
            } catch (IOException | UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            return CaseOutcome.failed(c, describe(e), elapsedMs(start));
        }
    }

    /** Moves the finished staging folder to {@code target}, replacing an earlier result there. */
    private static void install(Path staging, Path target, Path old) throws IOException {
        boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (replacing) {
            deleteRecursively(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (replacing) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (replacing) {
            deleteRecursively(old);
        }
    }

    /** One line for a person: what failed; the exception class only when there is no message. */
    static String describe(Throwable e) {
        String text;
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        } else if (e instanceof NoSuchFileException nf) {
            text = nf.getFile() + ": no such file";
        } else if (e instanceof OutOfMemoryError) {
            text = "out of memory; run fewer --jobs at once or give Java more heap (-Xmx)";
        } else if (e instanceof StackOverflowError) {
            text = "stack overflow";
        } else if (e instanceof IOException && e.getMessage() != null) {
            text = "I/O error: " + e.getMessage();
        } else if (e.getMessage() == null || e.getMessage().isBlank()) {
            text = e.getClass().getSimpleName();
        } else {
            text = e.getMessage();
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static long elapsedMs(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isEmpty(dir)) {
            Files.delete(dir);
        }
    }

    /** Deletes a file or a folder tree; symbolic links are deleted, never followed. */
    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
