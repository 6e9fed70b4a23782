package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A run file (metrics, spectra or checkpoint Arrow stream) that exists but cannot be read as
 * what it claims to be: truncated where truncation is not tolerated (checkpoints), not an Arrow
 * stream, or of the wrong kind. The message names the file, what is wrong and what to do.
 */
public class CorruptRecordFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CorruptRecordFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CorruptRecordFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() { return file; }
}
