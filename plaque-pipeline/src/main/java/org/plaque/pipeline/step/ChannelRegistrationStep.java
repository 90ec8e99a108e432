package org.plaque.pipeline.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Tolerance;
import org.plaque.image.Interpolation;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.registration.Registration;
import org.plaque.registration.RegistrationResult;
import org.plaque.registration.Stage;

/**
 * Brings the T1 and T2 onto the FLAIR's grid: a channel already on it (within
 * {@link Tolerance#DEFAULT}) is left as it is; any other is registered to the FLAIR with a rigid transform
 * ({@link Registration}, Mattes mutual information — the scans of one session differ by head motion, not by
 * shape) and resampled onto the FLAIR's grid with trilinear interpolation (0 outside its field of view).
 * The transform of each channel goes into the step's details.
 */
public final class ChannelRegistrationStep implements Step {
    /** Registry name. */
    public static final String NAME = "register-channels";

    private final List<Stage> stages;

    /** @param stages the stages, default ["rigid"] */
    public ChannelRegistrationStep(List<String> stages) {
        this.stages = stages.stream().map(Stage::parse).toList();
        if (this.stages.isEmpty()) {
            throw new IllegalArgumentException("register-channels needs at least one stage");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stages", stages.stream().map(Stage::label).toList());
        p.put("metric", "mattes-mutual-information");
        p.put("interpolation", "linear");
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Subject.Builder b = subject.toBuilder();
        for (SubjectKey<ScalarVolume> key : List.of(SubjectKeys.T1, SubjectKeys.T2)) {
            ScalarVolume v = subject.get(key).orElse(null);
            if (v == null) {
                continue;
            }
            if (v.geometry().sameGrid(subject.grid(), Tolerance.DEFAULT)) {
                ctx.detail(key.name(), "on the FLAIR's grid: not registered");
                continue;
            }
            List<String> levels = new ArrayList<>();
            RegistrationResult r = Registration.register(subject.flair(), v, null, null,
                Registration.Params.DEFAULTS.withStages(stages), ctx.exec(), report -> levels.add(report.summary()));
            b.put(key, Resample.scalar(v, subject.grid(), r.affine(), Interpolation.LINEAR, 0f, ctx.exec()));
            Map<String, Object> d = new LinkedHashMap<>();
            List<Object> rows = new ArrayList<>();
            for (double[] row : r.affine().toArray()) {
                rows.add(List.of(row[0], row[1], row[2], row[3]));
            }
            d.put("flair_to_" + key.name(), rows);
            d.put("levels", levels);
            ctx.detail(key.name(), d);
        }
        return b.build();
    }
}
