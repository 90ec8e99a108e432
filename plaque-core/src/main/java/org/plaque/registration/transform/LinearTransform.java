package org.plaque.registration.transform;

import org.plaque.geom.Affine;

/**
 * A parametric transform that is affine in the point: {@code out = A·(in − c) + c + t} with a 3×3 matrix
 * A, a fixed centre c (not a parameter) and a translation t, all in world RAS+ mm — the semantics of ITK's
 * {@code MatrixOffsetTransformBase}. The centre only changes how the parameters act (rotations turn about
 * it), not which mappings can be expressed.
 */
public interface LinearTransform extends ParametricTransform, DifferentiableTransform {
    /** The same mapping as a world → world affine (x ↦ A·x + (t + c − A·c)). */
    Affine toAffine();

    /** The fixed centre c (mm, a copy); the origin for transforms without one. */
    double[] center();

    /**
     * The inverse mapping, of the same kind and with the same centre where the kind allows it.
     *
     * @throws IllegalArgumentException if the matrix is singular
     */
    LinearTransform inverse();

    /**
     * {@code this ∘ first}: the transform that applies {@code first}, then this, as an affine transform
     * centred on {@code first}'s centre (the centre lives in the input space, which is {@code first}'s).
     */
    default AffineTransform compose(LinearTransform first) {
        return AffineTransform.fromAffine(toAffine().multiply(first.toAffine()), first.center());
    }

    /** The matrix A, row-major (a copy). */
    double[] matrix();

    /** The translation t (mm, a copy). */
    double[] translation();
}
