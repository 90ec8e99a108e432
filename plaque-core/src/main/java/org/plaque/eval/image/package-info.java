/**
 * Full-reference image-quality measures (SSIM, PSNR, correlation) and the denoiser referee that scores a
 * denoised image against its original: how much noise it removed in flat regions and how much anatomy it
 * removed along edges.
 *
 * <p>These measure images, not segmentations (those live in {@code org.plaque.eval}). All computations are
 * deterministic and leave their inputs unchanged.
 */
package org.plaque.eval.image;
