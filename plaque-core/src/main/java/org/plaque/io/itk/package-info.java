/**
 * ITK text transform files ({@code #Insight Transform File V1.0}, usually {@code .txt} or {@code .tfm}):
 * {@link org.plaque.io.itk.ItkTransformFile} reads and writes translation, Euler, similarity, affine
 * ({@code AffineTransform}/{@code MatrixOffsetTransformBase}), cubic B-spline (ITKv4 layout) and composite
 * transforms as the {@code org.plaque.registration.transform} types.
 *
 * <p>ITK works in LPS physical coordinates, Plaque in RAS; this package is the only place that knows it.
 * With F = diag(−1, −1, 1) (RAS = F·LPS for points), a transform T read from a file becomes F·T·F: points,
 * centres, translations, B-spline grid origins and displacement coefficients get their x and y negated,
 * matrices A become F·A·F, B-spline grid directions F·D, Euler angles (θx, θy, θz) become (−θx, −θy, θz)
 * and versors (vx, vy, vz) become (−vx, −vy, vz). Fixed parameters (centres, grids) are kept, converted
 * the same way, so a file read and written again holds the same transform, parametrised the same way.
 * Specification: ITK's {@code TxtTransformIO} and the transform classes of the same names (ITK 5,
 * https://itk.org).
 */
package org.plaque.io.itk;
