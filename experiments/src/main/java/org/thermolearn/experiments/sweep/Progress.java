package org.thermolearn.experiments.sweep;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Progress over sweep tasks: a terminal progress bar on an interactive console, plain log lines
 * otherwise (docs/DESIGN.md, "Conventions").
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream log;
    private final int total;
    private int done;

    Progress(String name, int total, PrintStream log) {
        this.total = total;
        this.log = log;
        this.bar = System.console() != null && total > 0
                ? new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII).build()
                : null;
    }

    synchronized void step(String message) {
        done++;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(message);
        } else {
            log.println("[" + done + "/" + total + "] " + message);
            log.flush();
        }
    }

    synchronized void set(int value, String message) {
        if (value == done) return;
        done = value;
        if (bar != null) {
            bar.stepTo(value);
            bar.setExtraMessage(message);
        } else {
            log.println("[" + done + "/" + total + "] " + message);
            log.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
