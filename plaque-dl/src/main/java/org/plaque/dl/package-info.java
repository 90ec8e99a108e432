/**
 * Deep-learning lesion segmentation on DJL with the PyTorch engine (CPU natives shipped as Maven artifacts, so
 * nothing is downloaded at run time): networks ({@code nn}), training data ({@code data}), training
 * ({@code train}), sliding-window inference ({@code infer}) and model bundles ({@code bundle}). Only this module
 * touches DJL.
 */
package org.plaque.dl;
