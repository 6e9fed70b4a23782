package org.thermolearn.core.model;

import java.nio.file.Path;

/**
 * A saved model that cannot be turned into a generalised network: not the format it claims, truncated,
 * an unsupported operator, shapes that do not chain, NaN or Inf weights, an activation the theory cannot
 * take. The message names the file and the tensor or node at fault and says what to do, so a command line
 * prints it as it is (exit 2).
 */
public final class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The model file at fault. */
    public Path file() { return file; }
}
