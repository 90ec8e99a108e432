package org.plaque.registration;

import java.util.Locale;

/** A registration stage: which kind of transform is optimised. Stages run in the order given. */
public enum Stage {
    /** Rotation and translation (6 parameters, ITK's Euler3D about the fixed centre). */
    RIGID,
    /** General affine (12 parameters about the same centre), started from the result so far. */
    AFFINE,
    /** Cubic B-spline free-form deformation on the fixed image's domain, after the linear result. */
    BSPLINE;

    /** Lower-case name, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The stage named {@code label} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Stage parse(String label) {
        for (Stage s : values()) {
            if (s.label().equalsIgnoreCase(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + label + "' (rigid, affine or bspline)");
    }
}
