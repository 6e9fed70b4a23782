package org.thermolearn.experiments.run;

/** What a run reports while it works: progress within an epoch and one summary line per checkpoint. */
public interface RunListener {

    /** Training of epoch {@code epoch} (1-based) of {@code epochs} is about to start. */
    default void epochStarted(int epoch, int epochs, long steps) { }

    /** {@code done} of the epoch's steps are finished. */
    default void stepsDone(long done) { }

    /** The epoch ended. */
    default void epochFinished(int epoch) { }

    /**
     * What an epoch gave, for log lines of non-interactive consoles (Slurm, CI), after
     * {@link #epochFinished(int)}.
     *
     * @param trainLoss    mean training loss over the epoch's steps
     * @param accuracy     accuracy of the network after the epoch on a fixed probe of up to
     *                     {@value TrainingRun#PROBE_SAMPLES} validation samples (training samples
     *                     when the run has no validation set)
     * @param seconds      wall time of the epoch's training steps
     */
    default void epochSummary(int epoch, int epochs, double trainLoss, double accuracy, double seconds) { }

    /**
     * A checkpoint is complete on disk (metrics, spectra and checkpoint file written and
     * flushed): readers such as live figures may look at the run directory now.
     *
     * @param trainSeconds training wall time of the run so far (this session)
     */
    default void recorded(java.nio.file.Path runDir, int index, double trainSeconds) { }

    /** A message (analysis phase, data loading, warnings). */
    default void info(String message) { }

    /** The one-line summary of a recorded checkpoint. */
    default void checkpoint(String summaryLine) { }

    /** Every call goes to each listener in turn. */
    static RunListener both(RunListener a, RunListener b) {
        return new RunListener() {
            @Override
            public void epochStarted(int epoch, int epochs, long steps) { a.epochStarted(epoch, epochs, steps); b.epochStarted(epoch, epochs, steps); }

            @Override
            public void stepsDone(long done) { a.stepsDone(done); b.stepsDone(done); }

            @Override
            public void epochFinished(int epoch) { a.epochFinished(epoch); b.epochFinished(epoch); }

            @Override
            public void epochSummary(int epoch, int epochs, double trainLoss, double accuracy, double seconds) {
                a.epochSummary(epoch, epochs, trainLoss, accuracy, seconds);
                b.epochSummary(epoch, epochs, trainLoss, accuracy, seconds);
            }

            @Override
            public void info(String message) { a.info(message); b.info(message); }

            @Override
            public void checkpoint(String summaryLine) { a.checkpoint(summaryLine); b.checkpoint(summaryLine); }

            @Override
            public void recorded(java.nio.file.Path runDir, int index, double trainSeconds) {
                a.recorded(runDir, index, trainSeconds);
                b.recorded(runDir, index, trainSeconds);
            }
        };
    }

    /** The one per-epoch log line of a non-interactive console. */
    static String epochLine(int epoch, int epochs, double trainLoss, double accuracy, double seconds) {
        return String.format(java.util.Locale.ROOT, "epoch %d/%d  train loss %.4e  probe accuracy %.4f  %.1f s", epoch, epochs, trainLoss, accuracy, seconds);
    }

    /** Plain log lines on standard error (no terminal control). */
    static RunListener plain() {
        return new RunListener() {
            @Override
            public void info(String message) { System.err.println(message); }

            @Override
            public void epochSummary(int epoch, int epochs, double trainLoss, double accuracy, double seconds) {
                System.err.println(epochLine(epoch, epochs, trainLoss, accuracy, seconds));
            }

            @Override
            public void checkpoint(String summaryLine) { System.out.println(summaryLine); System.out.flush(); }
        };
    }
}
