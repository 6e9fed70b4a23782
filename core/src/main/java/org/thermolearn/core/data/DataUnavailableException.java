package org.thermolearn.core.data;

import java.nio.file.Path;

/**
 * A data set could not be obtained: a file is missing and fetching is off, npm is not installed,
 * the npm registry cannot be reached, a download did not match its published checksum, or a
 * directory cannot be written. The message says how to place the files by hand.
 */
public class DataUnavailableException extends DataException {

    private static final long serialVersionUID = 1L;

    public DataUnavailableException(Path path, String message) {
        super(path, message, null);
    }

    public DataUnavailableException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }
}
