/**
 * Edge-preserving denoisers for MR intensity images: gradient and curvature anisotropic diffusion (ITK
 * semantics), the bilateral filter and non-local means, plus the noise estimate their automatic parameters
 * use.
 *
 * <p>Every filter is an immutable function object built from a {@code Params} record with a documented
 * {@code DEFAULTS} constant; it implements {@link org.plaque.filter.smoothing.Denoiser}, never modifies its
 * input, keeps the input's geometry, spreads its work over the threads of an
 * {@link org.plaque.exec.ExecutionContext} and gives bit-identical output for any thread count.
 */
package org.plaque.filter.smoothing;
