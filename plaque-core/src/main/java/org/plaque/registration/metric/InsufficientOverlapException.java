package org.plaque.registration.metric;

/**
 * Thrown by a metric when too few sample points map inside the moving image (and its mask) for the value
 * to mean anything: the images do not overlap under the current transform.
 */
public final class InsufficientOverlapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsufficientOverlapException(int valid, int total) {
        super("only " + valid + " of " + total + " sample points map inside the moving image (and mask): "
            + "the images do not overlap enough; check their orientation and the initialisation");
    }
}
