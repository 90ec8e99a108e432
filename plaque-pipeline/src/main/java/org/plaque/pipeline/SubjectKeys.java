package org.plaque.pipeline;

import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.lesion.LesionTable;
import org.plaque.registration.transform.Transform;

/**
 * The values the cross-sectional steps read and write in a {@link Subject}. Images under keys marked
 * "reference grid" share the FLAIR's grid.
 */
public final class SubjectKeys {
    /** The FLAIR being processed (denoised, bias-corrected as the steps go); defines the reference grid. */
    public static final SubjectKey<ScalarVolume> FLAIR = SubjectKey.onReferenceGrid("flair", ScalarVolume.class);
    /** The T1-weighted image; on its own grid until registered to the FLAIR. */
    public static final SubjectKey<ScalarVolume> T1 = SubjectKey.anywhere("t1", ScalarVolume.class);
    /** The T2-weighted image; on its own grid until registered to the FLAIR. */
    public static final SubjectKey<ScalarVolume> T2 = SubjectKey.anywhere("t2", ScalarVolume.class);
    /** The FLAIR as given (only reoriented): what the report's overlays show. */
    public static final SubjectKey<ScalarVolume> FLAIR_INPUT =
        SubjectKey.onReferenceGrid("flair_input", ScalarVolume.class);
    /** The grid of the FLAIR as given: every result is mapped back onto it. */
    public static final SubjectKey<ImageGeometry> INPUT_GRID = SubjectKey.anywhere("input_grid", ImageGeometry.class);
    /** FLAIR before minus after denoising (a QC image). */
    public static final SubjectKey<ScalarVolume> DENOISE_RESIDUAL =
        SubjectKey.onReferenceGrid("denoise_residual", ScalarVolume.class);
    /** The multiplicative bias field N4 removed from the FLAIR. */
    public static final SubjectKey<ScalarVolume> BIAS_FIELD =
        SubjectKey.onReferenceGrid("bias_field", ScalarVolume.class);
    /** The subject's brain mask. */
    public static final SubjectKey<Mask> BRAIN_MASK = SubjectKey.onReferenceGrid("brain_mask", Mask.class);
    /**
     * The atlas registration: maps subject world points (RAS+ mm) to atlas world points (ITK's fixed → moving
     * convention, the subject being fixed).
     */
    public static final SubjectKey<Transform> SUBJECT_TO_ATLAS =
        SubjectKey.anywhere("subject_to_atlas", Transform.class);
    /** The atlas T1 template warped onto the subject. */
    public static final SubjectKey<ScalarVolume> ATLAS_T1 = SubjectKey.onReferenceGrid("atlas_t1", ScalarVolume.class);
    /** The atlas brain mask warped onto the subject (nearest neighbour). */
    public static final SubjectKey<Mask> ATLAS_BRAIN_MASK = SubjectKey.onReferenceGrid("atlas_brain_mask", Mask.class);
    /** White-matter prior probabilities in [0, 1], warped from the atlas. */
    public static final SubjectKey<ScalarVolume> WM = SubjectKey.onReferenceGrid("wm", ScalarVolume.class);
    /** Grey-matter prior probabilities in [0, 1], warped from the atlas. */
    public static final SubjectKey<ScalarVolume> GM = SubjectKey.onReferenceGrid("gm", ScalarVolume.class);
    /** CSF prior probabilities in [0, 1], warped from the atlas. */
    public static final SubjectKey<ScalarVolume> CSF = SubjectKey.onReferenceGrid("csf", ScalarVolume.class);
    /** The binary lesion mask. */
    public static final SubjectKey<Mask> LESION_MASK = SubjectKey.onReferenceGrid("lesion_mask", Mask.class);
    /** Lesion probabilities in [0, 1], when the segmenter yields them. */
    public static final SubjectKey<ScalarVolume> LESION_PROBABILITY =
        SubjectKey.onReferenceGrid("lesion_probability", ScalarVolume.class);
    /** Per-voxel uncertainty of the lesion probability (variance across ensemble members and flips). */
    public static final SubjectKey<ScalarVolume> LESION_UNCERTAINTY =
        SubjectKey.onReferenceGrid("lesion_uncertainty", ScalarVolume.class);
    /** The lesions of the lesion mask (on the grid the table was computed on). */
    public static final SubjectKey<LesionTable> LESIONS = SubjectKey.anywhere("lesions", LesionTable.class);

    private SubjectKeys() {
    }
}
