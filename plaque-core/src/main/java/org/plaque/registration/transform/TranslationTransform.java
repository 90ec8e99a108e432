package org.plaque.registration.transform;

import org.plaque.geom.Affine;

/**
 * A pure translation {@code out = in + t}, 3 parameters (t in mm, world RAS+); ITK's
 * {@code TranslationTransform} (no fixed parameters). Immutable.
 */
public final class TranslationTransform extends LinearBase {
    /** Number of parameters. */
    public static final int PARAMETERS = 3;

    private TranslationTransform(double[] t) {
        super(Mat3.identity(), new double[3], t);
    }

    /** The translation by {@code translationMm}. */
    public static TranslationTransform of(double... translationMm) {
        return new TranslationTransform(translationMm);
    }

    /** The identity. */
    public static TranslationTransform identity() {
        return new TranslationTransform(new double[3]);
    }

    /**
     * The translation of an affine whose linear part is the identity.
     *
     * @throws IllegalArgumentException if the linear part differs from the identity by more than 1e-9
     */
    public static TranslationTransform fromAffine(Affine affine) {
        double[] l = Mat3.linearOf(affine);
        for (int i = 0; i < 9; i++) {
            if (Math.abs(l[i] - Mat3.IDENTITY[i]) > 1e-9) {
                throw new IllegalArgumentException("affine is not a pure translation: " + affine);
            }
        }
        return new TranslationTransform(affine.translation());
    }

    @Override
    public int parameterCount() {
        return PARAMETERS;
    }

    @Override
    public double[] parameters() {
        return t.clone();
    }

    @Override
    public TranslationTransform withParameters(double[] parameters) {
        return new TranslationTransform(checkedParameters(parameters, PARAMETERS, "TranslationTransform"));
    }

    @Override
    public void jacobian(double[] in, double[] jacobian) {
        java.util.Arrays.fill(jacobian, 0, 9, 0.0);
        translationColumns(jacobian, PARAMETERS, 0);
    }

    @Override
    public TranslationTransform inverse() {
        return new TranslationTransform(new double[] {-t[0], -t[1], -t[2]});
    }

    /** {@code this ∘ first} of two translations: the sum. */
    public TranslationTransform compose(TranslationTransform first) {
        return new TranslationTransform(new double[] {t[0] + first.t[0], t[1] + first.t[1], t[2] + first.t[2]});
    }
}
