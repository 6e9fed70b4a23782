package org.thermolearn.experiments.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.thermolearn.experiments.run.RunListener;

/**
 * Progress on the console: a progress bar per epoch on an interactive terminal, one plain log line
 * per epoch otherwise (pipes, CI, Slurm: training loss, probe accuracy, time). Checkpoint summaries always go to standard output.
 */
final class ConsoleListener implements RunListener, AutoCloseable {

    private final boolean interactive;
    private ProgressBar bar;

    private ConsoleListener(boolean interactive) {
        this.interactive = interactive;
    }

    static ConsoleListener create() {
        String term = System.getenv("TERM");
        return new ConsoleListener(System.console() != null && term != null && !term.equals("dumb") && System.getenv("CI") == null);
    }

    @Override
    public void epochStarted(int epoch, int epochs, long steps) {
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" steps", 1).continuousUpdate().build();
        }
    }

    @Override
    public void stepsDone(long done) {
        if (bar != null) bar.stepTo(done);
    }

    @Override
    public void epochFinished(int epoch) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void epochSummary(int epoch, int epochs, double trainLoss, double accuracy, double seconds) {
        // interactive consoles saw the bar; logs (Slurm, CI, pipes) get one line per epoch
        if (!interactive) System.err.println(RunListener.epochLine(epoch, epochs, trainLoss, accuracy, seconds));
    }

    @Override
    public void info(String message) {
        System.err.println(message);
    }

    @Override
    public void checkpoint(String summaryLine) {
        System.out.println(summaryLine);
        System.out.flush();
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
