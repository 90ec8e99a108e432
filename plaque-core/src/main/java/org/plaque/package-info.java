/**
 * Plaque core: the image model, geometry, file formats, filters, lesions and evaluation.
 *
 * <p>World coordinates are RAS+ millimetres everywhere; only {@code org.plaque.io} knows other
 * conventions (LPS, file layouts).
 */
package org.plaque;
