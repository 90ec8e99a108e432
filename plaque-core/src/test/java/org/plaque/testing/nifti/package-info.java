/**
 * NIfTI test files built byte by byte: {@link org.plaque.testing.nifti.NiftiFileBuilder} for any header,
 * valid or not, and {@link org.plaque.testing.nifti.MalformedNifti}, a corpus of broken files with the
 * problem each must be reported as. Nothing is read from committed binaries: every file is generated.
 */
package org.plaque.testing.nifti;
