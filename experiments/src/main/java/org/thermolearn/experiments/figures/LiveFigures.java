package org.thermolearn.experiments.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thermolearn.experiments.run.RunListener;

/**
 * Redraws a run's figures (PNG only) as checkpoints are recorded, so a long run can be watched by
 * reloading {@code <run>/figures/*.png}; every file is replaced atomically, so a viewer never sees
 * half a figure. The full PNG + SVG + PDF set of the final checkpoint is drawn when the run ends
 * ({@code Reports.afterRun}), not here.
 *
 * <p>When to redraw, at a recorded checkpoint:
 * <ul>
 *   <li>the first checkpoint of the session is always drawn (the figures exist from the start);</li>
 *   <li>a later one is drawn when at least {@link #MIN_INTERVAL_SECONDS} have passed since the last
 *       drawing and the drawing time so far plus the cost of the last drawing stays within
 *       {@link #BUDGET} of the run's elapsed wall time (training plus checkpoint analysis, since this
 *       listener was created); otherwise it is skipped and the figures catch up at a later checkpoint.</li>
 * </ul>
 * Every drawing but the first is admitted only while the total, the first included, stays within the
 * budget, so once a run is longer than the first drawing divided by {@link #BUDGET} drawing costs at most
 * that share of its time; a short run shows its first checkpoint live and its last one at the end.
 */
public final class LiveFigures implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFigures.class);

    /** Largest share of the run's elapsed time spent redrawing figures. */
    public static final double BUDGET = 0.02;

    /** Shortest time between two redraws (a viewer gains nothing from faster updates). */
    public static final double MIN_INTERVAL_SECONDS = 5.0;

    /** Draws the live figures of a run directory. */
    @FunctionalInterface
    public interface Drawing {
        void draw(Path runDir) throws IOException;
    }

    private final Drawing drawing;
    private final DoubleSupplier clock;
    private final double started;
    private double drawSeconds;
    private double firstCost;
    private double lastCost;
    private double lastDrawnAt;
    private double elapsed;
    private double trainSeconds;
    private int drawn;
    private int skipped;

    /** The run's figures with the default options, timed by the system clock. */
    public LiveFigures() { this(RunFigures.Options.DEFAULT); }

    public LiveFigures(RunFigures.Options options) {
        this(runDir -> RunFigures.writeAll(runDir, options, FigureWriter.PNG_ONLY), () -> System.nanoTime() * 1e-9);
    }

    /**
     * A listener that draws with {@code drawing} and reads the time, in seconds from any origin, from
     * {@code clock} (the run's elapsed time counts from this call).
     */
    public LiveFigures(Drawing drawing, DoubleSupplier clock) {
        this.drawing = drawing;
        this.clock = clock;
        this.started = clock.getAsDouble();
    }

    @Override
    public void recorded(Path runDir, int index, double trainSecondsSoFar) {
        trainSeconds = trainSecondsSoFar;
        double now = clock.getAsDouble() - started;
        elapsed = now;
        if (!due(now)) {
            skipped++;
            return;
        }
        try {
            drawing.draw(runDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: live figures not redrawn at checkpoint {} ({}); the records are unaffected", runDir, index, e.toString());
        }
        double end = clock.getAsDouble() - started;
        lastCost = end - now;
        if (drawn == 0) firstCost = lastCost;
        drawSeconds += lastCost;
        lastDrawnAt = end;
        elapsed = end;
        drawn++;
    }

    /** Whether a checkpoint recorded at elapsed time {@code now} is drawn (see the class comment). */
    private boolean due(double now) {
        if (drawn == 0) return true;
        return now - lastDrawnAt >= MIN_INTERVAL_SECONDS && drawSeconds + lastCost <= BUDGET * now;
    }

    /** Time spent drawing so far. */
    public double drawSeconds() { return drawSeconds; }

    /** How many checkpoints were drawn. */
    public int drawn() { return drawn; }

    /** How many checkpoints were skipped to keep within the budget and the minimum interval. */
    public int skipped() { return skipped; }

    /**
     * How often the figures were redrawn and what it cost, against the run's elapsed and training time; the
     * first drawing is named apart, since it includes starting the chart library (once per process, a cost the
     * figures drawn at the end would pay otherwise).
     */
    public String report() {
        return String.format(Locale.ROOT,
                "live figures: drawn at %d of %d checkpoints, %.1f s in all = %.2f%% of the run's %.1f s (%.2f%% of %.1f s training; "
                        + "the first drawing, %.1f s, starts the chart library; later ones within %.0f%% of the run's time, at least %.0f s apart)",
                drawn, drawn + skipped, drawSeconds, share(elapsed), elapsed, share(trainSeconds), trainSeconds, firstCost,
                100 * BUDGET, MIN_INTERVAL_SECONDS);
    }

    private double share(double of) { return of > 0 ? 100 * drawSeconds / of : 0.0; }
}
