package org.thermolearn.experiments.run;

/** What a run reports while it works: progress within an epoch and one summary line per checkpoint. */
public interface RunListener {

    /** Training of epoch {@code epoch} (1-based) of {@code epochs} is about to start. */
    default void epochStarted(int epoch, int epochs, long steps) { }

    /** {@code done} of the epoch's steps are finished. */
    default void stepsDone(long done) { }

    /** The epoch ended. */
    default void epochFinished(int epoch) { }

    /** A message (analysis phase, data loading, warnings). */
    default void info(String message) { }

    /** The one-line summary of a recorded checkpoint. */
    default void checkpoint(String summaryLine) { }

    /** Plain log lines on standard error (no terminal control). */
    static RunListener plain() {
        return new RunListener() {
            @Override
            public void info(String message) { System.err.println(message); }

            @Override
            public void checkpoint(String summaryLine) { System.out.println(summaryLine); System.out.flush(); }
        };
    }
}
