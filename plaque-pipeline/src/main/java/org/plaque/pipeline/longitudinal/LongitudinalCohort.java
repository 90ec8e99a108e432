package org.plaque.pipeline.longitudinal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.pipeline.cohort.CohortCase;
import org.plaque.pipeline.cohort.CohortDiscovery;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.Transform;

/**
 * The subjects of a longitudinal cohort folder and the cohort tables of {@code plaque longitudinal-cohort}.
 *
 * <p>Two layouts are read:
 * <ul>
 *   <li><b>BIDS with two sessions</b>: {@code sub-X/ses-A/anat/sub-X_ses-A_FLAIR.nii.gz} and
 *       {@code sub-X/ses-B/...} (listed by {@link CohortDiscovery#fromBids}, which also finds the optional
 *       {@code *_T1w} images); the first session in order is the baseline, the second the follow-up; a
 *       subject with another number of sessions is listed with an error. An optional reference change mask
 *       is {@code sub-X/gt.nii.gz}.</li>
 *   <li><b>Lesjak et al. 2016</b>: {@code patientNN/study1_FLAIR.nii.gz} (baseline) and
 *       {@code study2_FLAIR.nii.gz} (follow-up), optional {@code study1_T1W.nii.gz} / {@code study2_T1W.nii.gz}
 *       and {@code gt.nii.gz}; when {@code gt.nii.gz} is on another grid than the follow-up,
 *       {@code study2_FLAIR_to_common_space.txt} (ITK, reference point → follow-up point) maps it.</li>
 * </ul>
 * References are scored against {@code change_mask.nii.gz} (both directions) with {@link LesionWiseRule#MSSEG},
 * the change mask resampled nearest-neighbour onto the reference grid (through the transform when there is
 * one, else by world position) so the reference is never interpolated.
 */
public final class LongitudinalCohort {
    /** File name of the per-subject table. */
    public static final String COHORT_CSV = "cohort.csv";
    /** File name of the evaluation table (only when references are present). */
    public static final String EVALUATION_CSV = "evaluation.csv";

    private LongitudinalCohort() {
    }

    /**
     * One subject.
     *
     * @param id          result folder name ({@code sub-X} or the Lesjak folder name)
     * @param baseline    baseline FLAIR (null when {@code error} says why there is none)
     * @param followup    follow-up FLAIR (null likewise)
     * @param baselineT1  baseline T1, if any
     * @param followupT1  follow-up T1, if any
     * @param reference   reference change mask, if any
     * @param referenceToFollowup ITK transform file mapping reference-grid points to follow-up points, if any
     * @param error       why the subject cannot run ({@code ""} when it can)
     */
    public record Subject(String id, Path baseline, Path followup, Optional<Path> baselineT1,
                          Optional<Path> followupT1, Optional<Path> reference, Optional<Path> referenceToFollowup,
                          String error) {
    }

    /**
     * The subjects of {@code root}, sorted by id.
     *
     * @throws InvalidInputException if the folder does not exist or holds neither layout
     */
    public static List<Subject> discover(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + ": no such folder");
        }
        List<Path> children = list(root);
        boolean bids = children.stream().anyMatch(p -> Files.isDirectory(p) && name(p).startsWith("sub-"));
        if (bids) {
            return fromBids(root);
        }
        List<Subject> out = new ArrayList<>();
        for (Path d : children) {
            if (Files.isDirectory(d) && Files.isRegularFile(d.resolve("study1_FLAIR.nii.gz"))
                && Files.isRegularFile(d.resolve("study2_FLAIR.nii.gz"))) {
                out.add(new Subject(name(d), d.resolve("study1_FLAIR.nii.gz"), d.resolve("study2_FLAIR.nii.gz"),
                    file(d.resolve("study1_T1W.nii.gz")), file(d.resolve("study2_T1W.nii.gz")),
                    file(d.resolve("gt.nii.gz")), file(d.resolve("study2_FLAIR_to_common_space.txt")), ""));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(root + ": no subjects (expected sub-X/ses-*/anat/*_FLAIR.nii.gz with two"
                + " sessions, or folders with study1_FLAIR.nii.gz and study2_FLAIR.nii.gz)");
        }
        return out;
    }

    private static List<Subject> fromBids(Path root) {
        Map<String, List<CohortCase>> bySubject = new TreeMap<>();
        for (CohortCase c : CohortDiscovery.fromBids(root)) {
            bySubject.computeIfAbsent(c.key().subjectId(), k -> new ArrayList<>()).add(c);
        }
        List<Subject> out = new ArrayList<>();
        for (var e : bySubject.entrySet()) {
            List<CohortCase> visits = e.getValue();
            Optional<Path> gt = file(root.resolve(e.getKey()).resolve("gt.nii.gz"));
            long sessions = visits.stream().filter(c -> !c.key().session().isEmpty()).count();
            if (visits.size() != 2 || sessions != 2) {
                out.add(new Subject(e.getKey(), null, null, Optional.empty(), Optional.empty(), gt, Optional.empty(),
                    "needs exactly two sessions (ses-*/anat/*_FLAIR.nii.gz), found " + sessions));
                continue;
            }
            CohortCase b = visits.get(0);
            CohortCase f = visits.get(1);
            out.add(new Subject(e.getKey(), b.flair(), f.flair(), b.t1(), f.t1(), gt, Optional.empty(), ""));
        }
        return out;
    }

    /**
     * The lesion-wise scores of {@code changeMask} (follow-up grid) against the subject's reference.
     *
     * @throws InvalidInputException if the reference cannot be read or mapped
     */
    public static EvaluationResult evaluate(Subject s, Mask changeMask, Mask reference, ExecutionContext ctx) {
        Mask onRef;
        if (reference.geometry().sameGrid(changeMask.geometry(), Tolerance.DEFAULT)) {
            onRef = changeMask;
        } else if (s.referenceToFollowup().isPresent()) {
            Transform t = ItkTransformFile.read(s.referenceToFollowup().get());
            if (!(t instanceof LinearTransform lt)) {
                throw new InvalidInputException(s.referenceToFollowup().get() + ": not a linear transform");
            }
            onRef = Resample.mask(changeMask, reference.geometry(), lt.toAffine(), ctx);
        } else {
            onRef = Resample.mask(changeMask, reference.geometry(), Affine.identity(), ctx);
        }
        return SegmentationEvaluation.evaluate(onRef, reference, LesionWiseRule.MSSEG, ctx);
    }

    /**
     * The subject's reference change mask carried onto the follow-up grid (nearest neighbour; through the
     * inverse of the reference → follow-up transform when there is one, else by world position): the labels
     * of the filter's training patches.
     *
     * @throws InvalidInputException if the transform cannot be read or is not linear
     */
    public static Mask referenceOnFollowup(Subject s, Mask reference, org.plaque.geom.ImageGeometry followup,
                                           ExecutionContext ctx) {
        if (reference.geometry().sameGrid(followup, Tolerance.DEFAULT)) {
            return reference;
        }
        Affine refToFollowup = Affine.identity();
        if (s.referenceToFollowup().isPresent()) {
            Transform t = ItkTransformFile.read(s.referenceToFollowup().get());
            if (!(t instanceof LinearTransform lt)) {
                throw new InvalidInputException(s.referenceToFollowup().get() + ": not a linear transform");
            }
            refToFollowup = lt.toAffine();
        }
        return Resample.mask(reference, followup, refToFollowup.inverse(), ctx);
    }

    /**
     * The change counts of one subject.
     *
     * @param newCount           new lesions
     * @param newVolumeMm3       their volume, mm³
     * @param enlargingCount     enlarging lesions
     * @param shrinkingCount     shrinking lesions
     * @param vanishedCount      vanished lesions
     */
    public record Counts(long newCount, double newVolumeMm3, long enlargingCount, long shrinkingCount,
                         long vanishedCount) {
        /** The counts of {@code r}. */
        public static Counts of(LongitudinalResult r) {
            return new Counts(r.count(ChangeLabel.NEW), r.volumeMm3(ChangeLabel.NEW), r.count(ChangeLabel.ENLARGING),
                r.count(ChangeLabel.SHRINKING), r.count(ChangeLabel.VANISHED));
        }
    }

    /**
     * One row of {@code cohort.csv}.
     *
     * @param subject    subject id
     * @param result     the change counts, or empty when the subject failed
     * @param seconds    wall time spent on the subject, s
     * @param error      one-line error ({@code ""} when it worked)
     * @param evaluation the scores against the reference, if one was given and could be read
     */
    public record Row(String subject, Optional<Counts> result, double seconds, String error,
                      Optional<EvaluationResult> evaluation) {
        /** Whether the subject failed. */
        public boolean failed() {
            return result.isEmpty();
        }
    }

    /**
     * {@code cohort.csv}: subject, new_lesion_count, new_lesion_volume_mm3, enlarging, shrinking, vanished,
     * seconds, status ({@code ok} / {@code failed}), error; counts empty for a failed subject.
     */
    public static String cohortCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("subject,new_lesion_count,new_lesion_volume_mm3,enlarging,shrinking,"
            + "vanished,seconds,status,error\n");
        for (Row r : rows) {
            sb.append(quote(r.subject())).append(',');
            if (r.result().isPresent()) {
                Counts x = r.result().get();
                sb.append(x.newCount()).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", x.newVolumeMm3())).append(',')
                    .append(x.enlargingCount()).append(',').append(x.shrinkingCount())
                    .append(',').append(x.vanishedCount()).append(',');
            } else {
                sb.append(",,,,,");
            }
            sb.append(String.format(Locale.ROOT, "%.1f", r.seconds())).append(',')
                .append(r.failed() ? "failed" : "ok").append(',').append(quote(r.error())).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code evaluation.csv}: per scored subject lesion TPR, false-positive lesions, lesion F1, Dice and the
     * lesion counts, then a {@code pooled} row (lesion counts summed over subjects, TPR / PPV / F1 from the
     * sums, FP per subject, mean Dice); empty when no subject was scored.
     */
    public static String evaluationCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("subject,lesion_tpr,false_positive_lesions,lesion_f1,dice,"
            + "truth_lesions,detected_truth_lesions,pred_lesions,matched_pred_lesions\n");
        int truth = 0, detected = 0, pred = 0, matched = 0, n = 0;
        double dice = 0;
        for (Row r : rows) {
            if (r.evaluation().isEmpty()) {
                continue;
            }
            EvaluationResult e = r.evaluation().get();
            sb.append(quote(r.subject())).append(String.format(Locale.ROOT, ",%.4f,%d,%.4f,%.4f,%d,%d,%d,%d%n",
                e.lesionTpr(), e.predLesions() - e.matchedPredLesions(), e.lesionF1(), e.dice(), e.truthLesions(),
                e.detectedTruthLesions(), e.predLesions(), e.matchedPredLesions()));
            truth += e.truthLesions();
            detected += e.detectedTruthLesions();
            pred += e.predLesions();
            matched += e.matchedPredLesions();
            dice += e.dice();
            n++;
        }
        if (n == 0) {
            return "";
        }
        double tpr = truth == 0 ? Double.NaN : detected / (double) truth;
        double ppv = pred == 0 ? Double.NaN : matched / (double) pred;
        double f1 = tpr + ppv > 0 ? 2 * tpr * ppv / (tpr + ppv) : 0;
        sb.append(String.format(Locale.ROOT, "pooled,%.4f,%.2f,%.4f,%.4f,%d,%d,%d,%d%n", tpr,
            (pred - matched) / (double) n, f1, dice / n, truth, detected, pred, matched));
        return sb.toString();
    }

    /** One line for a person: what failed. */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; give Java more heap (-Xmx)";
        }
        String m = e.getMessage();
        String text = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static Optional<Path> file(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }
}
