package org.plaque.registration.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plaque.geom.Affine;

/**
 * A chain of transforms in ITK's {@code CompositeTransform} order: transforms are kept in the order they
 * were added, T0, T1, …, T(n−1), and a point is mapped by the <b>last added first</b>:
 * {@code out = T0(T1(…T(n−1)(in)))}. In registration the transform found last (e.g. a B-spline on the
 * fixed image's domain) is added last, so it acts on the fixed-image point first and the earlier
 * (e.g. affine) transforms carry the result on into the moving image. An empty composite is the identity.
 * This is also the order of the transforms in an ITK composite file and of antsApplyTransforms' {@code -t}
 * list.
 *
 * <p><b>Parameters</b>: as ITK's composite with only the most recent transform set for optimisation, the
 * parameters are those of the last added transform T(n−1) (none when it is not parametric or the
 * composite is empty); {@link #withParameters} replaces that transform. The parameter Jacobian is T(n−1)'s,
 * carried through the spatial Jacobians of the transforms applied after it (all must then be
 * {@link DifferentiableTransform}s); as a {@link SparseJacobianTransform} it lists T(n−1)'s sparse support,
 * or all of its parameters when T(n−1) is dense.
 *
 * <p>Nested composites are flattened on construction. Immutable.
 */
public final class CompositeTransform implements SparseJacobianTransform, DifferentiableTransform {
    private static final CompositeTransform EMPTY = new CompositeTransform(List.of());

    private final Transform[] chain;
    /** Product of the spatial Jacobians of T0..T(n−2) when they are all linear, else null. */
    private final double[] outerLinear;

    private CompositeTransform(List<Transform> transforms) {
        List<Transform> flat = new ArrayList<>();
        for (Transform t : transforms) {
            Objects.requireNonNull(t, "transform");
            if (t instanceof CompositeTransform c) {
                flat.addAll(Arrays.asList(c.chain));
            } else {
                flat.add(t);
            }
        }
        this.chain = flat.toArray(new Transform[0]);
        double[] outer = Mat3.identity();
        for (int i = 0; i < chain.length - 1 && outer != null; i++) {
            outer = chain[i] instanceof LinearTransform l ? Mat3.multiply(outer, l.matrix()) : null;
        }
        this.outerLinear = outer;
    }

    /** The identity (no transform). */
    public static CompositeTransform empty() {
        return EMPTY;
    }

    /** The composite of {@code transforms} in ITK order (the last is applied first). */
    public static CompositeTransform of(Transform... transforms) {
        return new CompositeTransform(Arrays.asList(transforms));
    }

    /** The composite of {@code transforms} in ITK order (the last is applied first). */
    public static CompositeTransform of(List<? extends Transform> transforms) {
        return new CompositeTransform(new ArrayList<>(transforms));
    }

    /** A new composite with {@code t} added at the end: it will act on points before all the others. */
    public CompositeTransform add(Transform t) {
        List<Transform> l = new ArrayList<>(Arrays.asList(chain));
        l.add(t);
        return new CompositeTransform(l);
    }

    /** The transforms in ITK order (unmodifiable; flattened). */
    public List<Transform> transforms() {
        return Collections.unmodifiableList(Arrays.asList(chain));
    }

    /** Number of transforms in the chain. */
    public int size() {
        return chain.length;
    }

    /** The whole chain as one world → world affine when every member is linear, else empty. */
    public Optional<Affine> toAffine() {
        Affine a = Affine.identity();
        for (Transform t : chain) {
            if (!(t instanceof LinearTransform l)) {
                return Optional.empty();
            }
            a = a.multiply(l.toAffine());
        }
        return Optional.of(a);
    }

    /**
     * The inverse chain: the members' inverses in reverse order.
     *
     * @throws UnsupportedOperationException if a member is not linear (a B-spline has no closed-form inverse)
     */
    public CompositeTransform inverse() {
        List<Transform> inv = new ArrayList<>();
        for (int i = chain.length - 1; i >= 0; i--) {
            if (!(chain[i] instanceof LinearTransform l)) {
                throw new UnsupportedOperationException("no closed-form inverse of " + chain[i]);
            }
            inv.add(l.inverse());
        }
        return new CompositeTransform(inv);
    }

    @Override
    public void transformPoint(double[] in, double[] out) {
        if (chain.length == 0) {
            out[0] = in[0];
            out[1] = in[1];
            out[2] = in[2];
            return;
        }
        chain[chain.length - 1].transformPoint(in, out);
        for (int i = chain.length - 2; i >= 0; i--) {
            chain[i].transformPoint(out, out);
        }
    }

    /**
     * The product of the members' spatial Jacobians along the chain (allocates a few small arrays).
     *
     * @throws UnsupportedOperationException if a member is not a {@link DifferentiableTransform}
     */
    @Override
    public void spatialJacobian(double[] in, double[] jacobian) {
        double[] total = Mat3.identity();
        double[] p = in.clone();
        double[] j = new double[9];
        for (int i = chain.length - 1; i >= 0; i--) {
            differentiable(chain[i]).spatialJacobian(p, j);
            total = Mat3.multiply(j, total);
            chain[i].transformPoint(p, p);
        }
        System.arraycopy(total, 0, jacobian, 0, 9);
    }

    private static DifferentiableTransform differentiable(Transform t) {
        if (t instanceof DifferentiableTransform d) {
            return d;
        }
        throw new UnsupportedOperationException("no spatial Jacobian for " + t);
    }

    private ParametricTransform active() {
        return chain.length > 0 && chain[chain.length - 1] instanceof ParametricTransform p ? p : null;
    }

    @Override
    public int parameterCount() {
        ParametricTransform p = active();
        return p == null ? 0 : p.parameterCount();
    }

    @Override
    public double[] parameters() {
        ParametricTransform p = active();
        return p == null ? new double[0] : p.parameters();
    }

    /**
     * The composite with the last transform's parameters replaced.
     *
     * @throws IllegalStateException if the last transform is not parametric (or there is none)
     */
    @Override
    public CompositeTransform withParameters(double[] parameters) {
        ParametricTransform p = active();
        if (p == null) {
            if (parameters.length == 0) {
                return this;
            }
            throw new IllegalStateException("the composite's last transform has no parameters");
        }
        Transform[] copy = chain.clone();
        copy[copy.length - 1] = p.withParameters(parameters);
        return new CompositeTransform(Arrays.asList(copy));
    }

    @Override
    public int maxSupport() {
        ParametricTransform p = active();
        if (p == null) {
            return 0;
        }
        return p instanceof SparseJacobianTransform s ? s.maxSupport() : p.parameterCount();
    }

    @Override
    public void jacobian(double[] in, double[] jacobian) {
        ParametricTransform p = active();
        if (p == null) {
            return;
        }
        int count = p.parameterCount();
        p.jacobian(in, jacobian);
        double[] outer = outerJacobian(in);
        if (outer != null) {
            multiplyRows(outer, jacobian, count, count);
        }
    }

    @Override
    public int sparseJacobian(double[] in, int[] parameterIndices, double[] values) {
        ParametricTransform p = active();
        if (p == null) {
            return 0;
        }
        int support;
        int stride;
        if (p instanceof SparseJacobianTransform s) {
            support = s.sparseJacobian(in, parameterIndices, values);
            stride = s.maxSupport();
        } else {
            support = p.parameterCount();
            stride = support;
            for (int k = 0; k < support; k++) {
                parameterIndices[k] = k;
            }
            p.jacobian(in, values);
        }
        double[] outer = outerJacobian(in);
        if (outer != null && support > 0) {
            multiplyRows(outer, values, stride, support);
        }
        return support;
    }

    /** Spatial Jacobian of T0∘…∘T(n−2) at T(n−1)(in), or null when it is the identity (a single transform). */
    private double[] outerJacobian(double[] in) {
        if (chain.length < 2) {
            return null;
        }
        if (outerLinear != null) {
            return outerLinear;
        }
        double[] p = new double[3];
        chain[chain.length - 1].transformPoint(in, p);
        double[] total = Mat3.identity();
        double[] j = new double[9];
        for (int i = chain.length - 2; i >= 0; i--) {
            differentiable(chain[i]).spatialJacobian(p, j);
            total = Mat3.multiply(j, total);
            chain[i].transformPoint(p, p);
        }
        return total;
    }

    /** Replaces the 3 rows of {@code values} (row stride {@code stride}, first {@code count} columns) by M·rows. */
    private static void multiplyRows(double[] m, double[] values, int stride, int count) {
        for (int k = 0; k < count; k++) {
            double a = values[k];
            double b = values[stride + k];
            double c = values[2 * stride + k];
            values[k] = m[0] * a + m[1] * b + m[2] * c;
            values[stride + k] = m[3] * a + m[4] * b + m[5] * c;
            values[2 * stride + k] = m[6] * a + m[7] * b + m[8] * c;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeTransform c && Arrays.equals(c.chain, chain);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chain);
    }

    @Override
    public String toString() {
        return "CompositeTransform" + Arrays.toString(chain);
    }
}
