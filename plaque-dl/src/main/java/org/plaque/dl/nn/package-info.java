/**
 * The segmentation networks as DJL {@link ai.djl.nn.Block}s: a configurable 3D U-Net ({@link
 * org.plaque.dl.nn.UNet3d}), the 2D FLAIR-slice U-Net ({@link org.plaque.dl.nn.UNet2d}) and the patch CNN of the
 * Valverde et al. 2017 cascade ({@link org.plaque.dl.nn.PatchCnn}).
 *
 * <p>Every network is described by a {@link org.plaque.dl.nn.NetworkSpec} record that converts to and from a plain
 * map (stored in {@code model.json}) and builds the block, so the same architecture is rebuilt for inference.
 * Layout follows {@code DL_CONTRACT.md}: float32, (N, C, D, H, W) for volumes and (N, C, H, W) for slices; U-Nets
 * output (N, classes, spatial...) and the patch CNN (N, 2).
 */
package org.plaque.dl.nn;
