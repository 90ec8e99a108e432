package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.filter.smoothing.Filtered;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/**
 * Denoises the input channels with gradient anisotropic diffusion ({@link GradientAnisotropicDiffusion},
 * Perona &amp; Malik 1990, doi:10.1109/34.56205), the seed method's filter: defaults 10 iterations,
 * conductance 1.0, time step 0.0625.
 *
 * <p>Processes the FLAIR and whichever of T1 and T2 are present (parameter {@code channels}). Keeps the
 * FLAIR's residual (before − after, {@link SubjectKeys#DENOISE_RESIDUAL}) for the report's QC image.
 * The filter's warnings (time step above the stability limit of a fine grid) go to the step's warnings.
 */
public final class DenoiseStep implements Step {
    /** Registry name. */
    public static final String NAME = "denoise";

    private final GradientAnisotropicDiffusion.Params params;
    private final List<String> channels;

    /**
     * @param params   the diffusion settings
     * @param channels channel names among "flair", "t1", "t2"; absent channels are skipped
     */
    public DenoiseStep(GradientAnisotropicDiffusion.Params params, List<String> channels) {
        this.params = params;
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
        p.put("method", "gradient-anisotropic-diffusion");
        p.put("iterations", params.iterations());
        p.put("conductance", params.conductance());
        p.put("time_step", params.timeStep());
        p.put("channels", channels);
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        GradientAnisotropicDiffusion filter = new GradientAnisotropicDiffusion(params);
        Subject.Builder b = subject.toBuilder();
        for (String name : channels) {
            SubjectKey<ScalarVolume> key = Channels.key(name);
            ScalarVolume in = subject.get(key).orElse(null);
            if (in == null) {
                continue;
            }
            Filtered f = filter.run(in, ctx.exec());
            f.warnings().forEach(w -> ctx.warn(name + ": " + w));
            b.put(key, f.image());
            if (key.equals(SubjectKeys.FLAIR)) {
                b.put(SubjectKeys.DENOISE_RESIDUAL, difference(in, f.image()));
            }
        }
        return b.build();
    }

    private static ScalarVolume difference(ScalarVolume before, ScalarVolume after) {
        ScalarVolume.Builder b = ScalarVolume.builder(before.geometry());
        float[] d = b.array();
        for (int i = 0; i < d.length; i++) {
            d[i] = before.get(i) - after.get(i);
        }
        return b.build();
    }
}
