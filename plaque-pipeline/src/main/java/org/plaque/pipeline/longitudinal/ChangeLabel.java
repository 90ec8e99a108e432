package org.plaque.pipeline.longitudinal;

/**
 * Evolution label of a changed lesion, with the integer written to {@code lesion_changes.nii.gz}.
 * New and enlarging come from the increase direction (follow-up brighter than the matched baseline),
 * shrinking and vanished from the decrease direction.
 */
public enum ChangeLabel {
    /** A follow-up lesion with no baseline lesion touching it. */
    NEW(1),
    /** A follow-up increase that touches a lesion already present at baseline. */
    ENLARGING(2),
    /** A decrease whose baseline lesion still has lesion voxels at follow-up. */
    SHRINKING(3),
    /** A decrease whose baseline lesion has no lesion voxel left at follow-up. */
    VANISHED(4);

    private final int code;

    ChangeLabel(int code) {
        this.code = code;
    }

    /** The value in the label image (1..4). */
    public int code() {
        return code;
    }

    /** Lower-case name used in CSV and JSON. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for new and enlarging (the "new disease activity" of MSSEG-2). */
    public boolean isActivity() {
        return this == NEW || this == ENLARGING;
    }
}
