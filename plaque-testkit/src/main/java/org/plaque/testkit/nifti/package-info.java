/**
 * NIfTI test files built byte by byte: {@link org.plaque.testkit.nifti.NiftiFileBuilder} for any header,
 * valid or not, and {@link org.plaque.testkit.nifti.MalformedNifti}, a corpus of broken files with the
 * problem each must be reported as. Nothing is read from committed binaries: every file is generated.
 */
package org.plaque.testkit.nifti;
