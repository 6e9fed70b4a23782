package org.thermolearn.experiments.cli;

/** A bad argument, path or run directory named on the command line; exit code 2, nothing is written. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
