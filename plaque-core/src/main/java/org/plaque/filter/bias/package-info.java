/**
 * Intensity non-uniformity (bias field) correction: {@link org.plaque.filter.bias.N4BiasCorrection}, N4 after
 * Tustison et al. 2010 (doi:10.1109/TMI.2010.2046908), with the cubic B-spline scattered-data approximation of
 * Lee, Wolberg and Shin 1997 (doi:10.1109/2945.620490) it is built on.
 */
package org.plaque.filter.bias;
