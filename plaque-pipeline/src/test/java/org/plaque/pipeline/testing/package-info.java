/**
 * Test support shared through plaque-pipeline's test jar: tiny synthetic atlases written in Plaque's layout
 * or under the ICBM 2009a release's file names, and zip archives of them; tiny BIDS cohorts and masks
 * ({@link org.plaque.pipeline.testing.CohortFixtures}) and a fast stand-in for the per-case pipeline
 * ({@link org.plaque.pipeline.testing.FakeCaseProcessor}).
 */
package org.plaque.pipeline.testing;
