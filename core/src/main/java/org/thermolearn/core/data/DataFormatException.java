package org.thermolearn.core.data;

import java.nio.file.Path;

/**
 * A data file exists but its content is not what it should be: wrong IDX magic number, wrong
 * dimensions, truncated or with trailing bytes, wrong size or checksum, or an image file and a
 * label file whose counts disagree.
 */
public class DataFormatException extends DataException {

    private static final long serialVersionUID = 1L;

    public DataFormatException(Path path, String message) {
        super(path, message, null);
    }

    public DataFormatException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }

    /**
     * Builds the standard message: "{@code file}: {@code what}: expected {@code expected}, found
     * {@code found}. {@code fix}".
     */
    static DataFormatException of(Path file, String what, Object expected, Object found, String fix) {
        return new DataFormatException(file, file + ": " + what + ": expected " + expected + ", found " + found
                + ". " + fix);
    }
}
