package org.thermolearn.experiments.cli;

import org.thermolearn.core.data.DataException;
import org.thermolearn.experiments.config.ConfigException;
import org.thermolearn.experiments.sweep.SweepException;
import org.thermolearn.thermo.record.CorruptRecordFileException;

/**
 * The one mapping from an exception to the toolkit's exit code (by type, never by name):
 * {@value #FAILURE} a failure during work, {@value #BAD_INPUT} bad input — configuration, flags,
 * paths, data or damaged records the user must fix — and {@value #DIVERGED} a run that diverged.
 */
public final class ExitCodes {

    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;

    private ExitCodes() { }

    /** True when the exception reports something the user must fix (its message says what). */
    public static boolean isUserError(Throwable e) {
        return e instanceof ConfigException || e instanceof BadInputException || e instanceof DataException
                || e instanceof CorruptRecordFileException || e instanceof SweepException s && s.badInput();
    }

    /** The exit code for an exception that ended a command. */
    public static int of(Throwable e) {
        return isUserError(e) ? BAD_INPUT : FAILURE;
    }

    /** The one line printed for an exception: the message alone for user errors, the type too otherwise. */
    public static String message(Throwable e) {
        if (isUserError(e) || e instanceof org.thermolearn.experiments.run.RunLock.BusyException) return e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getMessage() != null) {
            return "file system error: " + f.getMessage() + (f.getFile() == null || f.getMessage().contains(f.getFile()) ? "" : " (" + f.getFile() + ")");
        }
        if (e instanceof java.io.IOException && e.getMessage() != null) return "I/O error: " + e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
