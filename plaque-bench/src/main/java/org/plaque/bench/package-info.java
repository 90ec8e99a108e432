/**
 * JMH benchmarks of Plaque's filters, resampling, I/O and evaluation. Timings live here and in the
 * peer comparison script, never in unit tests.
 */
package org.plaque.bench;
