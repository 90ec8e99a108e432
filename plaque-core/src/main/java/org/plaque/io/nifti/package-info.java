/**
 * NIfTI-1 and NIfTI-2 single-file images ({@code .nii}, {@code .nii.gz}): {@link
 * org.plaque.io.nifti.NiftiReader} and {@link org.plaque.io.nifti.NiftiWriter}.
 *
 * <p>The reader follows nibabel 5 (the project's NIfTI oracle): the voxel-to-world affine is nibabel's
 * {@code img.affine} and voxel values are nibabel's {@code img.get_fdata()} (scaled by {@code scl_slope}
 * and {@code scl_inter}), rounded to float32. Where nibabel silently repairs a header in a way that would
 * change measurements (a zero voxel size becomes 1 mm), Plaque refuses the file instead; every such
 * choice is documented on {@link org.plaque.io.nifti.NiftiHeader}. Hostile input is bounded by {@link
 * org.plaque.io.nifti.ReadLimits} before anything is allocated, and every problem with a file is reported
 * as one {@link org.plaque.InvalidInputException} line naming the file.
 *
 * <p>Specification: NIfTI-1 (https://nifti.nimh.nih.gov/nifti-1) and NIfTI-2
 * (https://nifti.nimh.nih.gov/nifti-2).
 */
package org.plaque.io.nifti;
