package org.plaque.registration;

import java.util.List;
import java.util.Optional;
import org.plaque.geom.Affine;
import org.plaque.registration.transform.ParametricTransform;
import org.plaque.registration.transform.Transform;

/**
 * The outcome of a {@link Registration}: the linear part as one world → world affine and, after a B-spline
 * stage, the deformation applied before it. The full map from fixed-image points to moving-image points
 * (RAS+ mm) is {@code x ↦ linear(deformation(x))}, ITK's composite order [linear, deformation].
 *
 * @param linear      the composed result of the linear stages (the initial translation when there were none)
 * @param deformation the B-spline stage's transform on the fixed domain, if that stage ran
 * @param levels      per level of every stage, in the order run
 */
public record RegistrationResult(Affine linear, Optional<ParametricTransform> deformation, List<LevelReport> levels) {
    public RegistrationResult {
        levels = List.copyOf(levels);
    }

    /** The full fixed → moving map. */
    public Transform transform() {
        if (deformation.isEmpty()) {
            return (in, out) -> linear.apply(in[0], in[1], in[2], out);
        }
        ParametricTransform d = deformation.get();
        return (in, out) -> {
            d.transformPoint(in, out);
            linear.apply(out[0], out[1], out[2], out);
        };
    }
}
