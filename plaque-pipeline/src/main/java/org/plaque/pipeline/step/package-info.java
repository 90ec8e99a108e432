/**
 * The steps of Plaque's pipelines, each a {@link org.plaque.pipeline.Step} built from plain-data
 * parameters by the registry of {@link org.plaque.pipeline.crosssectional.CrossSectionalSteps}:
 * reorientation and its exact inverse, denoising, N4, atlas registration and warping, skull stripping,
 * lesion segmentation and the lesion table.
 */
package org.plaque.pipeline.step;
