package org.plaque.segment.lesion;

import java.util.Objects;
import java.util.Optional;
import org.plaque.geom.Tolerance;
import org.plaque.image.ScalarVolume;

/**
 * What an unsupervised lesion segmenter sees: a preprocessed FLAIR (denoised, bias-corrected), optional
 * T1 and T2 already on the FLAIR's grid, and tissue priors on that grid. Every image shares the FLAIR's
 * grid (checked here).
 */
public record SegmentationInput(ScalarVolume flair, Optional<ScalarVolume> t1, Optional<ScalarVolume> t2,
                                TissuePriors priors) {
    public SegmentationInput {
        Objects.requireNonNull(flair, "flair");
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(priors, "priors");
        t1.ifPresent(v -> flair.geometry().requireSameGrid(v.geometry(), Tolerance.DEFAULT, "FLAIR and T1"));
        t2.ifPresent(v -> flair.geometry().requireSameGrid(v.geometry(), Tolerance.DEFAULT, "FLAIR and T2"));
        flair.geometry().requireSameGrid(priors.wm().geometry(), Tolerance.DEFAULT, "FLAIR and tissue priors");
    }
}
