package org.plaque.testkit.phantom;

/**
 * The phantom's tissue labels and what each looks like in FLAIR, T1 and T2, and which probability map it
 * feeds.
 *
 * <p>Intensities are relative to white matter in each contrast and then scaled to scanner-like units
 * ({@link #WM_FLAIR}, {@link #WM_T1}, {@link #WM_T2}). The brain values follow the spin-echo and
 * inversion-recovery signal equations with 3 T relaxation times (WM T1/T2 ≈ 1084/69 ms, GM 1820/99 ms,
 * Stanisz et al. 2005, doi:10.1002/mrm.20605; CSF ≈ 4300/2000 ms): a 2-D FLAIR with TR 9000, TI 2500,
 * TE 120 ms gives GM/WM ≈ 1.23 and nulls CSF, which real FLAIR leaves at ≈ 0.1–0.15 of WM (inflow, imperfect
 * inversion); a TSE T2 with TE ≈ 100 ms gives CSF several times WM. T1-weighted values are typical MPRAGE
 * contrast ratios (GM/WM ≈ 0.68, CSF/WM ≈ 0.2). Fat (scalp, marrow) is bright in all three (short T1,
 * J-coupling-lengthened T2 in fast spin echo); cortical bone gives almost no signal.
 */
final class Tissue {
    static final byte AIR = 0;
    static final byte SCALP = 1;
    static final byte MUSCLE = 2;
    static final byte BONE = 3;
    static final byte MARROW = 4;
    /** CSF outside the pial surface: subarachnoid space, cisterns, spinal canal. */
    static final byte CSF_EXT = 5;
    static final byte CORD = 6;
    /** CSF inside the brain outline: sulci, the interhemispheric fissure, cerebellar fissures. */
    static final byte CSF_SULCAL = 7;
    static final byte VENTRICLE = 8;
    static final byte GM = 9;
    static final byte DEEP_GM = 10;
    static final byte WM = 11;
    static final byte CB_GM = 12;
    static final byte CB_WM = 13;
    static final byte BRAINSTEM = 14;
    static final int COUNT = 15;

    /** FLAIR white matter in output units. */
    static final float WM_FLAIR = 300f;
    /** T1 white matter in output units. */
    static final float WM_T1 = 420f;
    /** T2 white matter in output units. */
    static final float WM_T2 = 110f;

    /** White-matter intensity of each contrast (FLAIR, T1, T2), the unit of noise sigma. */
    static final float[] WM_SCALE = {WM_FLAIR, WM_T1, WM_T2};

    // Order: AIR SCALP MUSCLE BONE MARROW CSF_EXT CORD CSF_SULCAL VENTRICLE GM DEEP_GM WM CB_GM CB_WM BRAINSTEM.
    private static final float[] FLAIR = {0f, 1.90f, 0.55f, 0.04f, 1.20f, 0.14f, 1.0f, 0.14f, 0.10f, 1.25f, 1.12f, 1f,
        1.22f, 1.0f, 1.06f};
    private static final float[] T1 = {0f, 1.20f, 0.60f, 0.05f, 0.90f, 0.22f, 0.95f, 0.22f, 0.20f, 0.68f, 0.80f, 1f,
        0.66f, 0.97f, 0.95f};
    private static final float[] T2 = {0f, 1.60f, 0.55f, 0.05f, 1.10f, 4.0f, 1.0f, 4.0f, 4.0f, 1.40f, 1.15f, 1f,
        1.35f, 1.02f, 1.05f};

    /** Intensity per label for contrast 0 (FLAIR), 1 (T1), 2 (T2), in output units. */
    static final float[][] INTENSITY = {scaled(FLAIR, WM_FLAIR), scaled(T1, WM_T1), scaled(T2, WM_T2)};

    static final float[] WM_PROB = indicator(WM, CB_WM, BRAINSTEM, CORD);
    static final float[] GM_PROB = indicator(GM, DEEP_GM, CB_GM);
    static final float[] CSF_PROB = indicator(CSF_EXT, CSF_SULCAL, VENTRICLE);
    static final float[] BRAIN = indicator(CSF_SULCAL, VENTRICLE, GM, DEEP_GM, WM, CB_GM, CB_WM, BRAINSTEM);

    private Tissue() {
    }

    /** Whether a lesion may count this label as white matter. */
    static boolean isWhiteMatter(byte label) {
        return label == WM || label == CB_WM || label == BRAINSTEM;
    }

    /** Whether the label is any kind of CSF. */
    static boolean isCsf(byte label) {
        return label == CSF_EXT || label == CSF_SULCAL || label == VENTRICLE;
    }

    private static float[] scaled(float[] rel, float scale) {
        float[] out = new float[rel.length];
        for (int i = 0; i < rel.length; i++) {
            out[i] = rel[i] * scale;
        }
        return out;
    }

    private static float[] indicator(byte... labels) {
        float[] out = new float[COUNT];
        for (byte l : labels) {
            out[l] = 1f;
        }
        return out;
    }
}
