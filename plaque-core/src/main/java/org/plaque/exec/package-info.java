/** Execution: threads, seeds, progress and cancellation passed explicitly to long work. */
package org.plaque.exec;
