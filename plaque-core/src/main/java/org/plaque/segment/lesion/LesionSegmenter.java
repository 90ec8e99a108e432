package org.plaque.segment.lesion;

import java.util.Map;
import org.plaque.exec.ExecutionContext;

/**
 * An unsupervised lesion segmentation method with fixed parameters (a preset). Deterministic: the same
 * input and {@link ExecutionContext#seed()} give the same mask.
 */
public interface LesionSegmenter {
    /** The preset name, e.g. {@code seed-kmeans}. */
    String name();

    /** The effective parameters, for provenance (names with units, plain values). */
    Map<String, Object> parameters();

    /** Segments lesions in {@code input}. */
    LesionSegmentation segment(SegmentationInput input, ExecutionContext ctx);
}
