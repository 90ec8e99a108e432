package org.plaque.testkit.phantom;

/**
 * What to generate: the seed and the imaging conditions of a {@link HeadPhantom}.
 *
 * <p>Construction rejects values outside the documented ranges with {@link IllegalArgumentException}.
 *
 * @param seed        seed of every random choice (folding pattern, misposition, lesions, bias field, noise);
 *                    the same parameters give bit-identical volumes
 * @param spacingMm   isotropic voxel spacing of the subject and atlas grids, in mm; 0.8 to 4
 * @param biasField   whether a smooth multiplicative bias field (within ×0.8..×1.25 over the head) is applied
 * @param noiseSigma  Rician noise sigma as a fraction of the white-matter intensity of each contrast (so
 *                    0.03 means σ = 9 on FLAIR, whose white matter is 300); 0 means no noise; 0 to 0.5
 * @param lesionCount number of lesions, 0 to 40; with 4 or more there is at least one of each
 *                    {@link LesionSite}
 * @param misposition whether the subject head is moved away from the atlas pose by a seeded affine
 *                    (rotations 2–6° per axis, translations 1–8 mm, scaling 1–5 % per axis); when false
 *                    {@link PhantomCase#subjectToAtlas()} is the identity
 */
public record PhantomParams(long seed, double spacingMm, boolean biasField, double noiseSigma, int lesionCount,
                            boolean misposition) {
    /** Smallest allowed spacing, mm: finer grids would exceed a few hundred MB per case. */
    public static final double MIN_SPACING_MM = 0.8;
    /** Largest allowed spacing, mm: coarser grids cannot hold the smallest lesions as connected blobs. */
    public static final double MAX_SPACING_MM = 4.0;
    /** Largest lesion count: more do not fit into the phantom's white matter without touching. */
    public static final int MAX_LESIONS = 40;

    /**
     * The defaults used by {@code plaque demo}: seed 42; 1.5 mm isotropic (120×144×120 voxels, a typical
     * clinical 3-D FLAIR resolution); no bias field (turn it on to test bias correction); noise sigma 0.03 of
     * white matter (SNR ≈ 33, a good 3 T FLAIR); 12 lesions (3–70 voxels each, a mild MS lesion load of
     * ≈ 1 mL for seed 42); misposition on, so registration to the atlas has real work to do.
     */
    public static final PhantomParams DEFAULTS = new PhantomParams(42L, 1.5, false, 0.03, 12, true);

    public PhantomParams {
        if (!(spacingMm >= MIN_SPACING_MM && spacingMm <= MAX_SPACING_MM)) {
            throw new IllegalArgumentException("phantom spacing must be between " + MIN_SPACING_MM + " and "
                + MAX_SPACING_MM + " mm, got " + spacingMm);
        }
        if (!(noiseSigma >= 0 && noiseSigma <= 0.5)) {
            throw new IllegalArgumentException("phantom noise sigma must be between 0 and 0.5 (a fraction of"
                + " white-matter intensity), got " + noiseSigma);
        }
        if (lesionCount < 0 || lesionCount > MAX_LESIONS) {
            throw new IllegalArgumentException("phantom lesion count must be between 0 and " + MAX_LESIONS
                + ", got " + lesionCount);
        }
    }

    /** These parameters with another seed. */
    public PhantomParams withSeed(long s) {
        return new PhantomParams(s, spacingMm, biasField, noiseSigma, lesionCount, misposition);
    }

    /** These parameters with another isotropic spacing in mm. */
    public PhantomParams withSpacingMm(double mm) {
        return new PhantomParams(seed, mm, biasField, noiseSigma, lesionCount, misposition);
    }

    /** These parameters with the bias field on or off. */
    public PhantomParams withBias(boolean b) {
        return new PhantomParams(seed, spacingMm, b, noiseSigma, lesionCount, misposition);
    }

    /** These parameters with another noise sigma (fraction of white-matter intensity; 0 = none). */
    public PhantomParams withNoise(double sigma) {
        return new PhantomParams(seed, spacingMm, biasField, sigma, lesionCount, misposition);
    }

    /** These parameters with another lesion count. */
    public PhantomParams withLesionCount(int n) {
        return new PhantomParams(seed, spacingMm, biasField, noiseSigma, n, misposition);
    }

    /** These parameters with the misposition on or off. */
    public PhantomParams withMisposition(boolean m) {
        return new PhantomParams(seed, spacingMm, biasField, noiseSigma, lesionCount, m);
    }
}
