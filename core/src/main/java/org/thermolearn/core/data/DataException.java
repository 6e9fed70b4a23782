package org.thermolearn.core.data;

import java.nio.file.Path;

/**
 * Base of every error the data layer raises: a data file that is missing, malformed or could not
 * be fetched. The message always names the file or directory, what was expected, what was found
 * and what the user can do about it, so a command line can print it as it is.
 */
public abstract class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    protected DataException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The file or directory the error is about; may be null when no single path is at fault. */
    public Path path() {
        return path;
    }
}
