package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.run.RunListener;

import java.nio.file.Path;
import java.util.List;

/** Figures written at the end of a run and by {@code thermolearn report}. */
final class Reports {

    private Reports() { }

    static List<Path> figures(Path run) throws java.io.IOException {
        return org.thermolearn.experiments.figures.RunFigures.writeAll(run);
    }

    static void afterRun(Path run, RunListener out) {
        try {
            List<Path> f = figures(run);
            out.info("figures: " + f.size() + " figures (PNG, SVG and PDF each) in " + run.resolve("figures"));
        } catch (Exception e) {
            out.info("figures could not be drawn (" + e.getMessage() + "); the records are complete, retry with `thermolearn report " + run + "`");
        }
    }
}
