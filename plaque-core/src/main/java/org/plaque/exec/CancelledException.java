package org.plaque.exec;

/** Thrown from inside long work when its {@link ExecutionContext} was cancelled. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
