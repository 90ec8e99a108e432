package org.plaque.registration.metric;

import java.util.Objects;
import org.plaque.geom.Affine;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.ParametricTransform;

/**
 * The map from fixed-image points to moving-image points whose parameters are optimised:
 * {@code y = outer(transform(x))} (world RAS+ mm). {@code outer} is a fixed affine applied after the
 * optimised transform, e.g. the linear result of an earlier stage under a B-spline stage; it is the
 * identity for the linear stages, which optimise the whole affine.
 *
 * @param transform     the transform whose parameters the gradient refers to
 * @param outer         applied after {@code transform}; never null
 * @param affineInPoint true when {@code transform} is affine in the point for every parameter vector
 *                      (translation, Euler, similarity, affine): the metrics then map points and gather
 *                      gradients through the 12 affine entries instead of one Jacobian per point, which
 *                      gives the same result faster. Leave false for any other transform.
 */
public record MovingMapping(ParametricTransform transform, Affine outer, boolean affineInPoint) {
    public MovingMapping {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(outer, "outer");
    }

    /**
     * {@code outer ∘ transform}, taking the fast affine path when {@code transform} is a
     * {@link LinearTransform} (affine in the point by contract).
     */
    public static MovingMapping of(ParametricTransform transform, Affine outer) {
        return new MovingMapping(transform, outer, transform instanceof LinearTransform);
    }

    /** A transform affine in the point, with no outer affine. */
    public static MovingMapping linear(ParametricTransform transform) {
        return new MovingMapping(transform, Affine.identity(), true);
    }

    /** Any transform, evaluated point by point, followed by {@code outer}. */
    public static MovingMapping general(ParametricTransform transform, Affine outer) {
        return new MovingMapping(transform, outer, false);
    }

    /** The same mapping with the transform's parameters replaced. */
    public MovingMapping withParameters(double[] parameters) {
        return new MovingMapping(transform.withParameters(parameters), outer, affineInPoint);
    }
}
