/**
 * Plaque's pipelines: a {@link org.plaque.pipeline.Subject} (named images under typed
 * {@link org.plaque.pipeline.SubjectKey}s plus a provenance log) flows through
 * {@link org.plaque.pipeline.Step}s; a {@link org.plaque.pipeline.Pipeline} is an ordered list of steps and
 * records each step's effective parameters, duration, details and warnings
 * ({@link org.plaque.pipeline.StepRecord}).
 *
 * <p>Sub-packages: {@code preset} (pipelines as plain data and the explicit step registry), {@code step}
 * (the steps), {@code skullstrip} (brain extraction), {@code crosssectional} (the FLAIR → lesion-mask
 * pipeline and its inputs) and {@code atlas} (the probabilistic brain atlas: layout, installation, lookup).
 */
package org.plaque.pipeline;
