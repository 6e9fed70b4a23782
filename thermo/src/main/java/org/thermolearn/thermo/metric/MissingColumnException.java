package org.thermolearn.thermo.metric;

/**
 * A reader asked a run for a metrics column it did not record. The message names the column, the run and,
 * where it can tell, why the column is absent and what to do about it.
 */
public final class MissingColumnException extends IllegalArgumentException {

    private final String column;

    public MissingColumnException(String column, String message) {
        super(message);
        this.column = column;
    }

    /** The column that was asked for. */
    public String column() { return column; }
}
