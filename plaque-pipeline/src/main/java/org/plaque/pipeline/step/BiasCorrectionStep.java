package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.filter.bias.N4BiasCorrection;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/**
 * Removes the bias field (intensity non-uniformity) of the input channels with N4 ({@link N4BiasCorrection},
 * Tustison et al. 2010, doi:10.1109/TMI.2010.2046908), with ITK's recipe by default (shrink 4,
 * 50×50×50×50 iterations, convergence 0.001, 200 mm spline distance).
 *
 * <p>The field is fitted inside the brain mask when the subject has one and parameter {@code mask} is
 * {@code "brain"}, otherwise inside Otsu's foreground ({@code "otsu"}, the default — skull stripping comes
 * later in the standard pipeline). A channel not on the FLAIR's grid is fitted inside its own Otsu
 * foreground. Keeps the FLAIR's field ({@link SubjectKeys#BIAS_FIELD}); records iterations per level.
 */
public final class BiasCorrectionStep implements Step {
    /** Registry name. */
    public static final String NAME = "n4";
    /** Values of the {@code mask} parameter. */
    public static final List<String> MASKS = List.of("otsu", "brain");

    private final N4BiasCorrection.Params params;
    private final String mask;
    private final List<String> channels;

    /**
     * @param params   N4 settings
     * @param mask     "otsu" or "brain"
     * @param channels channel names among "flair", "t1", "t2"; absent channels are skipped
     */
    public BiasCorrectionStep(N4BiasCorrection.Params params, String mask, List<String> channels) {
        if (!MASKS.contains(mask)) {
            throw new IllegalArgumentException("N4 mask must be one of " + MASKS + ", got " + mask);
        }
        this.params = params;
        this.mask = mask;
        this.channels = List.copyOf(channels);
        Channels.keys(channels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("shrink_factor", params.shrinkFactor());
        p.put("iterations", params.maximumIterations());
        p.put("convergence_threshold", params.convergenceThreshold());
        p.put("spline_distance_mm", params.splineDistanceMm());
        p.put("histogram_bins", params.histogramBins());
        p.put("bias_field_fwhm", params.biasFieldFwhm());
        p.put("wiener_noise", params.wienerNoise());
        p.put("mask", mask);
        p.put("channels", channels);
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        N4BiasCorrection n4 = new N4BiasCorrection(params);
        Mask brain = "brain".equals(mask) ? subject.get(SubjectKeys.BRAIN_MASK).orElse(null) : null;
        if ("brain".equals(mask) && brain == null) {
            ctx.warn("no brain mask yet: the field was fitted inside Otsu's foreground");
        }
        Subject.Builder b = subject.toBuilder();
        for (String name : channels) {
            SubjectKey<ScalarVolume> key = Channels.key(name);
            ScalarVolume in = subject.get(key).orElse(null);
            if (in == null) {
                continue;
            }
            boolean onGrid = in.geometry().sameGrid(subject.grid(), org.plaque.geom.Tolerance.DEFAULT);
            N4BiasCorrection.Result r = n4.apply(in, onGrid ? brain : null, ctx.exec());
            b.put(key, r.corrected());
            ctx.detail(name + "_iterations", r.iterationsPerLevel());
            if (key.equals(SubjectKeys.FLAIR)) {
                b.put(SubjectKeys.BIAS_FIELD, r.biasField());
            }
        }
        return b.build();
    }
}
