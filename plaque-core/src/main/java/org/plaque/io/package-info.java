/**
 * File input and output shared by every format: {@link org.plaque.io.AtomicFiles}, through which all of
 * Plaque's writes go so that a failed run never leaves a half-written result. Formats live in
 * sub-packages ({@code org.plaque.io.nifti}); only this package tree knows file formats.
 */
package org.plaque.io;
