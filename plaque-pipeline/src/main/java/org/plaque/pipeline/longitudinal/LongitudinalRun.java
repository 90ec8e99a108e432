package org.plaque.pipeline.longitudinal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.Registration;
import org.plaque.registration.RegistrationResult;
import org.plaque.pipeline.atlas.Atlas;

/**
 * One baseline / follow-up pair from images to a {@link LongitudinalResult}, as {@code plaque longitudinal}
 * and {@code plaque longitudinal-cohort} run it: per visit the brain mask and cross-sectional lesion mask
 * ({@link VisitBrainMask}), then {@link LongitudinalChangeDetector}.
 *
 * <p>With an atlas: the default cross-sectional pipeline per visit (atlas skull stripping, or the non-zero
 * region when {@code skullStripped}; lesion mask of the default segmenter), and the filter uses all its cues.
 * Without an atlas (only for skull-stripped input): the brain masks are the non-zero regions and the lesion
 * masks come from the default segmenter with flat priors ({@link VisitBrainMask#withoutAtlas}); the filter's
 * criteria are the same (see docs/LONGITUDINAL.md for the measured difference).
 */
public final class LongitudinalRun {
    private LongitudinalRun() {
    }

    /**
     * One pair's images.
     *
     * @param baselineName name of the baseline in messages (usually its file name)
     * @param baseline     baseline FLAIR
     * @param followupName name of the follow-up in messages
     * @param followup     follow-up FLAIR (its grid is the output grid)
     * @param baselineT1   baseline T1 (any grid), if any
     * @param followupT1   follow-up T1 (any grid), if any
     */
    public record Pair(String baselineName, ScalarVolume baseline, String followupName, ScalarVolume followup,
                       Optional<ScalarVolume> baselineT1, Optional<ScalarVolume> followupT1) {
        public Pair {
            Objects.requireNonNull(baselineName, "baselineName");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(followupName, "followupName");
            Objects.requireNonNull(followup, "followup");
            Objects.requireNonNull(baselineT1, "baselineT1");
            Objects.requireNonNull(followupT1, "followupT1");
        }

        /** A pair without T1s. */
        public Pair(String baselineName, ScalarVolume baseline, String followupName, ScalarVolume followup) {
            this(baselineName, baseline, followupName, followup, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Runs the pair.
     *
     * @param skullStripped whether both FLAIRs are skull-stripped (brain mask = non-zero region)
     * @param atlas         the atlas, or empty (then {@code skullStripped} must be true)
     * @throws InvalidInputException if no atlas is given for input that is not skull-stripped, or an image is
     *                               unusable
     */
    public static LongitudinalResult run(Pair pair, boolean skullStripped, Optional<Atlas> atlas, ChangeParams params,
                                         ExecutionContext ctx) {
        return run(pair, skullStripped, atlas, params, CandidateFilter.classic(params), ctx);
    }

    /**
     * Runs the pair with another filter stage (the candidates and labels as with {@code params}).
     *
     * @throws InvalidInputException as {@link #run(Pair, boolean, Optional, ChangeParams, ExecutionContext)}
     */
    public static LongitudinalResult run(Pair pair, boolean skullStripped, Optional<Atlas> atlas, ChangeParams params,
                                         CandidateFilter filter, ExecutionContext ctx) {
        if (atlas.isEmpty() && !skullStripped) {
            throw new InvalidInputException("no atlas to skull-strip " + pair.baselineName() + " and "
                + pair.followupName() + ": install one (plaque atlas install) or pass --atlas DIR, or give "
                + "--skull-stripped for skull-stripped FLAIRs");
        }
        VisitBrainMask.Segmented vb = atlas.isPresent()
            ? VisitBrainMask.segment(pair.baselineName(), pair.baseline(), skullStripped, atlas.get(), ctx)
            : VisitBrainMask.withoutAtlas(pair.baselineName(), pair.baseline(), ctx);
        VisitBrainMask.Segmented vf = atlas.isPresent()
            ? VisitBrainMask.segment(pair.followupName(), pair.followup(), skullStripped, atlas.get(), ctx)
            : VisitBrainMask.withoutAtlas(pair.followupName(), pair.followup(), ctx);
        ScalarVolume t1b = pair.baselineT1().map(t -> t1OnFlair(t, pair.baseline(), vb.brain(), ctx)).orElse(null);
        ScalarVolume t1f = pair.followupT1().map(t -> t1OnFlair(t, pair.followup(), vf.brain(), ctx)).orElse(null);
        return new LongitudinalChangeDetector(params, Registration.Params.DEFAULTS, filter).detect(
            new LongitudinalChangeDetector.Visit(pair.baseline(), vb.brain(), vb.lesions(), t1b),
            new LongitudinalChangeDetector.Visit(pair.followup(), vf.brain(), vf.lesions(), t1f), ctx);
    }

    /**
     * A T1 registered rigidly to its FLAIR (Mattes MI, the FLAIR's brain mask on the fixed side) and resampled
     * trilinearly onto the FLAIR's grid.
     */
    public static ScalarVolume t1OnFlair(ScalarVolume t1, ScalarVolume flair, Mask flairBrain, ExecutionContext ctx) {
        RegistrationResult r = Registration.register(flair, t1, flairBrain, null,
            Registration.Params.DEFAULTS.withStages(List.of(org.plaque.registration.Stage.RIGID)), ctx);
        return Resample.scalar(t1, flair.geometry(), r.affine(), Interpolation.LINEAR, 0f, ctx);
    }

    /** How the brain masks and lesion cue were made, for provenance. */
    public static Map<String, Object> describe(boolean skullStripped, Optional<Atlas> atlas) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("brain_mask", skullStripped ? "non-zero (--skull-stripped)" : "atlas skull stripping");
        m.put("cross_sectional", atlas.isPresent()
            ? "default cross-sectional pipeline per visit (lesion-mask cue)"
            : "default lesion segmenter per visit with flat priors (no atlas; lesion-mask cue)");
        return m;
    }
}
