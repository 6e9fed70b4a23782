package org.thermolearn.experiments.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thermolearn.experiments.run.RunListener;

/**
 * Redraws a run's figures (PNG only) each time a checkpoint is recorded, so a long run can be
 * watched by reloading {@code <run>/figures/*.png}; every file is replaced atomically, so a viewer
 * never sees half a figure. Drawing is kept within {@link #BUDGET} of the training time: a
 * checkpoint is skipped when the time spent drawing so far plus the cost of the last drawing
 * would exceed that share of the training time so far (the figures catch up at a later
 * checkpoint, and the full PNG + SVG + PDF set is drawn when the run ends).
 */
public final class LiveFigures implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFigures.class);

    /** Largest share of the training time spent redrawing figures. */
    public static final double BUDGET = 0.02;

    /** Cost assumed for the first drawing, before one has been timed. */
    private static final double FIRST_GUESS_SECONDS = 0.5;

    private final RunFigures.Options options;
    private double drawSeconds;
    private double lastCost = FIRST_GUESS_SECONDS;
    private double trainSeconds;
    private int drawn;
    private int skipped;

    public LiveFigures() { this(RunFigures.Options.DEFAULT); }

    public LiveFigures(RunFigures.Options options) { this.options = options; }

    @Override
    public void recorded(Path runDir, int index, double trainSecondsSoFar) {
        trainSeconds = trainSecondsSoFar;
        if (drawSeconds + lastCost > BUDGET * trainSecondsSoFar) {
            skipped++;
            return;
        }
        long t0 = System.nanoTime();
        try {
            RunFigures.writeAll(runDir, options, FigureWriter.PNG_ONLY);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: live figures not redrawn at checkpoint {} ({}); the records are unaffected", runDir, index, e.toString());
        }
        lastCost = (System.nanoTime() - t0) * 1e-9;
        drawSeconds += lastCost;
        drawn++;
    }

    /** Time spent drawing so far. */
    public double drawSeconds() { return drawSeconds; }

    /** How often the figures were redrawn, and how many checkpoints were skipped to keep within the budget. */
    public String report() {
        return String.format(Locale.ROOT, "live figures: redrawn at %d checkpoints (%d skipped to stay within %.0f%%), %.1f s = %.2f%% of %.1f s training",
                drawn, skipped, 100 * BUDGET, drawSeconds, trainSeconds > 0 ? 100 * drawSeconds / trainSeconds : 0.0, trainSeconds);
    }
}
