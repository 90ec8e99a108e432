/**
 * Test support shared through plaque-pipeline's test jar: tiny synthetic atlases written in Plaque's layout
 * or under the ICBM 2009a release's file names, and zip archives of them.
 */
package org.plaque.pipeline.testing;
