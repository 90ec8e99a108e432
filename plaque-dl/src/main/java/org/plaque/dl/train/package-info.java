/**
 * Training: losses on probabilities, mini-batch sources, the epoch loop with validation, learning-rate decay on
 * plateau, early stopping, checkpoints and resume, and the DJL adapters that turn a trained block into a
 * {@code PatchPredictor}.
 */
package org.plaque.dl.train;
