/**
 * The cross-sectional pipeline (FLAIR, optionally T1/T2 → lesion mask, lesion table, lesion load): its
 * checked inputs ({@link org.plaque.pipeline.crosssectional.SegmentationInputs}), its step lists as plain
 * data ({@link org.plaque.pipeline.crosssectional.CrossSectionalPreset}), the registry that turns them into
 * steps ({@link org.plaque.pipeline.crosssectional.CrossSectionalSteps}) and the runner
 * ({@link org.plaque.pipeline.crosssectional.CrossSectionalPipeline}).
 */
package org.plaque.pipeline.crosssectional;
