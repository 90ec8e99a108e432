/**
 * Image similarity metrics for registration and the fixed-image sample points they are evaluated on:
 * Mattes mutual information (doi:10.1109/TMI.2002.803111), mean squares and normalised correlation, each
 * with an analytic gradient with respect to the parameters of the transform being optimised (dense,
 * sparse or, for transforms affine in the point, through the 12 entries of the affine). Every metric is
 * a cost to minimise. Evaluation is multi-threaded over a fixed partition of the samples whose partial
 * sums are added in a fixed order, so results do not depend on the thread count.
 */
package org.plaque.registration.metric;
