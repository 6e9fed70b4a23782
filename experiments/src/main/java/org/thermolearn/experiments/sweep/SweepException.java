package org.thermolearn.experiments.sweep;

/**
 * A problem a user can fix: a bad sweep spec, a missing sweep directory, a Slurm command that is
 * not installed. The message names the thing, the value and the fix; {@link #badInput()} is true
 * when the command line should exit with code 2 (bad input) rather than 1 (failure).
 */
public final class SweepException extends RuntimeException {
    private final boolean badInput;

    public SweepException(String message) { this(message, true); }

    public SweepException(String message, boolean badInput) {
        super(message);
        this.badInput = badInput;
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
        this.badInput = false;
    }

    /** True for errors in what the user gave (spec, paths, options). */
    public boolean badInput() { return badInput; }
}
