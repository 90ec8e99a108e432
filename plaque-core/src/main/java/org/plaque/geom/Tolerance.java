package org.plaque.geom;

/**
 * How far two grids may differ and still count as the same grid: a distance in millimetres applied to
 * every voxel-to-world affine entry scaled by the volume's extent (so that it bounds how far any voxel
 * centre moves), in the spirit of ITK's coordinate tolerance.
 *
 * @param mm the largest allowed displacement of a voxel centre, in millimetres; finite and ≥ 0
 */
public record Tolerance(double mm) {
    /**
     * The evaluation tolerance of EVALUATION.md (MSSEG convention): 1e-6 mm. Used where images are
     * compared voxel by voxel for scoring.
     */
    public static final Tolerance EVALUATION = new Tolerance(1e-6);

    /**
     * The default for combining images in filters and pipelines: 1e-4 mm. NIfTI stores affines in
     * float32, whose rounding at coordinates of ~100 mm is ~1e-5 mm; two tools writing the same grid
     * therefore rarely agree to 1e-6 mm, while any real mis-registration is far above 1e-4 mm.
     */
    public static final Tolerance DEFAULT = new Tolerance(1e-4);

    public Tolerance {
        if (!(mm >= 0) || !Double.isFinite(mm)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0 mm, got " + mm);
        }
    }
}
