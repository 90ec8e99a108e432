/**
 * Model bundles: a folder (or a zip of one) with a {@code model.json} card ({@link org.plaque.dl.bundle.ModelJson})
 * and the weights files it lists by SHA-256, written atomically and verified before use
 * ({@link org.plaque.dl.bundle.ModelBundle}). Pure Java and Jackson; no DJL.
 */
package org.plaque.dl.bundle;
