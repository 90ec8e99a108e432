package org.plaque.cli;

import org.plaque.pipeline.cohort.CaseProcessor;

/** The per-case work of {@code segment-cohort}: Plaque's cross-sectional pipeline, as {@code plaque segment} runs it. */
final class SegmentCaseProcessor {
    private SegmentCaseProcessor() {
    }

    /** Placeholder until the segment pipeline lands on main. */
    static CaseProcessor of(SegmentCohortCommand options) {
        throw new IllegalStateException("the segmentation pipeline is not available in this build");
    }
}
