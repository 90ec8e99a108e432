package org.plaque.registration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plaque.geom.Affine;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.Transform;

/**
 * The outcome of a {@link Registration}: the composed linear stages as one affine transform about the
 * rotation centre and, after a B-spline stage, the deformation applied before it. The full map from
 * fixed-image points to moving-image points (RAS+ mm) is {@code x ↦ linear(deformation(x))}, an ITK
 * composite [linear, deformation] (the last member acts first).
 *
 * @param linear      the composed result of the linear stages (the initial translation when there were none)
 * @param deformation the B-spline stage's transform on the fixed domain, if that stage ran
 * @param levels      per level of every stage, in the order run
 */
public record RegistrationResult(AffineTransform linear, Optional<BSplineTransform> deformation,
                                 List<LevelReport> levels) {
    public RegistrationResult {
        Objects.requireNonNull(linear, "linear");
        Objects.requireNonNull(deformation, "deformation");
        levels = List.copyOf(levels);
    }

    /** The linear part as a world → world affine. */
    public Affine affine() {
        return linear.toAffine();
    }

    /**
     * The full fixed → moving map: {@link #linear()} alone, or the composite [linear, deformation], ready
     * for {@code ItkTransformFile.write} and {@code Resample}.
     */
    public Transform transform() {
        return deformation.<Transform>map(d -> CompositeTransform.of(linear, d)).orElse(linear);
    }
}
