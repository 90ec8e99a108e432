/**
 * Image filters: pure functions from volumes to new volumes, grouped by purpose in sub-packages
 * ({@code spatial} for resampling and reorientation; smoothing, bias correction, intensity and morphology
 * follow the same rules).
 *
 * <p>Every filter leaves its inputs unchanged, returns images of the kind the operation allows (masks and
 * labels are never interpolated linearly), takes threads and cancellation from an
 * {@link org.plaque.exec.ExecutionContext}, and gives the same output for any thread count.
 */
package org.plaque.filter;
