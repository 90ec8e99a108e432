/**
 * Minimisers of registration costs over transform parameters: ITK's regular-step gradient descent and a
 * limited-memory BFGS, both working on parameters preconditioned by per-parameter scales (as ITK's
 * optimiser scales: a parameter of scale s moves points by about √s mm per unit).
 */
package org.plaque.registration.optimizer;
