package org.plaque.segment.lesion;

import java.util.Objects;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Tissue probability maps (white matter, grey matter, CSF; values in [0, 1]) and a brain mask, all on the
 * grid of the image being segmented — usually an atlas warped to the subject.
 */
public record TissuePriors(ScalarVolume wm, ScalarVolume gm, ScalarVolume csf, Mask brain) {
    public TissuePriors {
        Objects.requireNonNull(wm, "wm");
        Objects.requireNonNull(gm, "gm");
        Objects.requireNonNull(csf, "csf");
        Objects.requireNonNull(brain, "brain");
        wm.geometry().requireSameGrid(gm.geometry(), Tolerance.DEFAULT, "WM and GM priors");
        wm.geometry().requireSameGrid(csf.geometry(), Tolerance.DEFAULT, "WM and CSF priors");
        wm.geometry().requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "WM prior and brain mask");
    }
}
