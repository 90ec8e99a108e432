package org.plaque;

/**
 * Input data that Plaque refuses: a malformed file, a grid mismatch, a non-finite value, an out-of-range
 * parameter that came from data rather than from the caller's code.
 *
 * <p>The message is one line meant for a person: what is wrong and, where known, which file. The
 * command line maps this exception to exit code 3.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same problem, prefixed with the file it came from (unless the message already names it). */
    public InvalidInputException inFile(Object file) {
        String name = String.valueOf(file);
        if (getMessage() != null && getMessage().contains(name)) {
            return this;
        }
        return new InvalidInputException(name + ": " + getMessage(), this);
    }
}
