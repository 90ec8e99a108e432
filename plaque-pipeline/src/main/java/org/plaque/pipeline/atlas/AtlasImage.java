package org.plaque.pipeline.atlas;

/**
 * The five images of an atlas folder and their canonical file names.
 *
 * <p>All five share one grid. The T1 template holds intensities on any scale; the three tissue maps hold
 * probabilities in [0, 1] (see {@link Atlas} for the accepted encodings); the brain mask is binary.
 */
public enum AtlasImage {
    /** T1-weighted template ({@code t1.nii.gz}): intensities, any scale. */
    T1("t1.nii.gz", "T1 template"),
    /** White-matter probability map ({@code wm.nii.gz}). */
    WM("wm.nii.gz", "white-matter probability map"),
    /** Grey-matter probability map ({@code gm.nii.gz}). */
    GM("gm.nii.gz", "grey-matter probability map"),
    /** Cerebrospinal-fluid probability map ({@code csf.nii.gz}). */
    CSF("csf.nii.gz", "CSF probability map"),
    /** Binary brain mask ({@code brain_mask.nii.gz}). */
    BRAIN_MASK("brain_mask.nii.gz", "brain mask");

    private final String fileName;
    private final String description;

    AtlasImage(String fileName, String description) {
        this.fileName = fileName;
        this.description = description;
    }

    /** The canonical file name inside an atlas folder, e.g. {@code "gm.nii.gz"}. */
    public String fileName() {
        return fileName;
    }

    /** The canonical name without the {@code .nii.gz} extension, e.g. {@code "gm"}. */
    public String stem() {
        return fileName.substring(0, fileName.length() - ".nii.gz".length());
    }

    /** A short phrase for messages, e.g. "grey-matter probability map". */
    public String description() {
        return description;
    }

    /** Whether this image is a tissue probability map (WM, GM or CSF). */
    public boolean isProbability() {
        return this == WM || this == GM || this == CSF;
    }
}
