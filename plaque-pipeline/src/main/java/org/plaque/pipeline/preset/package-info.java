/**
 * Pipelines as plain data: a {@link org.plaque.pipeline.preset.Preset} lists
 * {@link org.plaque.pipeline.preset.StepSpec}s ({step, params}); a
 * {@link org.plaque.pipeline.preset.StepRegistry} maps each step name to a
 * {@link org.plaque.pipeline.preset.StepFactory} explicitly (no reflection, no expressions), which reads
 * its parameters through {@link org.plaque.pipeline.preset.StepParams} and rejects unknown ones.
 */
package org.plaque.pipeline.preset;
