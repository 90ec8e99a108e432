/**
 * Cohorts: many subjects processed and evaluated as one.
 *
 * <p>{@link org.plaque.pipeline.cohort.CohortDiscovery} lists the cases of a BIDS folder or a CSV table;
 * {@link org.plaque.pipeline.cohort.CohortRunner} runs a {@link org.plaque.pipeline.cohort.CaseProcessor}
 * (the per-case work, e.g. Plaque's cross-sectional pipeline) over them in parallel, with isolated
 * failures, resumption and deterministic results, and writes the cohort summaries ({@link
 * org.plaque.pipeline.cohort.CohortSummaries}: {@code lesion_load.csv}, {@code failures.csv},
 * {@code index.html}). {@link org.plaque.pipeline.cohort.CohortEvaluation} pairs predicted with reference
 * masks and scores them by EVALUATION.md ({@link org.plaque.pipeline.cohort.EvaluationTable}: per-case
 * JSON, {@code evaluation.csv} with mean, median and the Pearson correlation of the lesion volumes).
 * The commands and file formats are documented in {@code docs/PIPELINE.md} (section "Cohorts").
 */
package org.plaque.pipeline.cohort;
