/**
 * Training data for the deep-learning segmenters, in pure Java (no DJL): subjects discovered from folders
 * ({@link org.plaque.dl.data.SubjectFolders}), input normalisation by the model card's name
 * ({@link org.plaque.dl.data.InputNormalisation}: white-matter ratio or robust z-score), lesion-aware patch sampling
 * ({@link org.plaque.dl.data.PatchSampler}), patch augmentation ({@link org.plaque.dl.data.Augmentation}),
 * synthetic lesion insertion ({@link org.plaque.dl.data.SyntheticLesions}) and the candidate voxels and
 * voxel-centred patches of the two-stage cascade ({@link org.plaque.dl.data.CascadeCandidates},
 * {@link org.plaque.dl.data.VoxelPatches}).
 *
 * <p>Array layout follows the plaque-dl contract: a volume's array is x-fastest, a multi-channel patch is one
 * {@code float[]} of shape (C, D, H, W) = (channel, z, y, x). Everything random takes a caller-supplied
 * {@link java.util.SplittableRandom} (or a seed), so the same seed gives the same patches.
 */
package org.plaque.dl.data;
