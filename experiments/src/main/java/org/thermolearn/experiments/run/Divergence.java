package org.thermolearn.experiments.run;

import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a run has diverged, so that its records would be numbers without meaning: non-finite
 * weights or training loss, weights that ran away (|w| above {@value #MAX_WEIGHT}, where the
 * operator G (S9) is dominated by round-off), a {@linkplain Runaway runaway loss}, or an analysis
 * column that was finite at the previous checkpoint and is now NaN/±∞. Each check returns the
 * reason as a phrase for the status line, or null.
 */
public final class Divergence {

    /** Largest |w| or |b| accepted; far above any trained network (O(1)–O(100)), far below overflow. */
    public static final double MAX_WEIGHT = 1e10;
    /** The runaway threshold: a training loss above this many times the loss L₀ of the initial network (see {@link Runaway}). */
    public static final double LOSS_FACTOR = 4;
    /** The runaway window: consecutive epochs the loss must stay above {@link #LOSS_FACTOR}·L₀ (see {@link Runaway}). */
    public static final int RECOVERY_EPOCHS = 3;

    private Divergence() { }

    /** The reason the network or epoch loss is non-finite or the weights ran away, or null. */
    public static String afterEpoch(Network net, double trainLoss) {
        if (!Double.isFinite(trainLoss)) return "NaN/Inf in the training loss";
        double max = 0;
        for (double v : net.bias()) max = Double.isNaN(v) ? Double.NaN : Math.max(max, Math.abs(v));
        for (Block b : net.weights().blocks()) for (double v : b.w()) max = Double.isNaN(v) ? Double.NaN : Math.max(max, Math.abs(v));
        if (!Double.isFinite(max)) return "NaN/Inf in the weights";
        if (max > MAX_WEIGHT) return String.format(Locale.ROOT, "weights ran away: max |w| = %.3g > %.0e", max, MAX_WEIGHT);
        return null;
    }

    /**
     * The runaway-loss rule. The reference is L₀, the mean training loss of the <em>initial</em>
     * network over the training set, in the units of the training loss (so squared error is compared
     * with squared error and cross-entropy with cross-entropy). With the usual small initial weights
     * the initial network outputs the middle of its range for every sample: L₀ is the loss of a
     * predictor that knows nothing. A run has run away when the epoch's mean training loss stays
     * above {@value #LOSS_FACTOR}·L₀ for {@value #RECOVERY_EPOCHS} consecutive epochs, or is above it
     * at the last epoch (no epoch left to recover in).
     * <p>Why both parts. A large step (learning rate 0.5 with batch 1, say) may first throw the loss
     * up and then bring it down within some hundred steps — the "catapult" phase of large-step
     * gradient descent, where the loss spikes while the curvature falls until the step is stable
     * again (Lewkowycz et al., 2020). Such a transient is normal training and must not be flagged; a
     * single epoch above the threshold is therefore never enough (and the per-epoch mean already
     * smooths spikes within an epoch). A network that stays several times <em>worse than knowing
     * nothing</em> for three whole epochs has not recovered: whatever is measured from it describes
     * a broken network.
     * <p>Why 4. For squared error with an output range matched to the targets (sigmoid with 0/1,
     * tanh with ±1) the per-output loss ½(a − y)² is at most ½·r² (r the width of the range: the
     * output pinned at the wrong end) and ½·(r/2)² at the middle of the range, where the initial
     * network sits — exactly a factor 4 (an initial output spread around the middle only raises L₀,
     * the loss being convex). There no saturation, however bad, exceeds 4·L₀: a loss above it means
     * outputs beyond the target range, an unbounded output (identity, relu) running off. With tanh
     * outputs and 0/1 targets (the default) the ceiling is higher (2 + (n − 1)/2 against about ½ per
     * sample for n classes), and a loss above 4·L₀ for three epochs means most outputs pinned at the
     * wrong end: a dead network, test accuracy at chance (the exponential-schedule and relu cases of
     * the divergence tests: 5.2 against L₀ = 1.04, accuracy 0.09). For cross-entropy the loss is
     * unbounded and 4·L₀ (about 9 nats for 10 classes) is a convention; there the window is what
     * guards normal runs. Non-finite values and {@link #MAX_WEIGHT} act at once, without a window.
     * <p>The count of epochs above the threshold travels in each checkpoint (attribute
     * {@value #ATTRIBUTE}, written only when non-zero), so a resumed run judges exactly as an
     * uninterrupted one.
     */
    public static final class Runaway {
        /** Checkpoint attribute holding the consecutive epochs above the threshold at that checkpoint. */
        public static final String ATTRIBUTE = "runaway_epochs";

        private final double initialLoss;
        private int above;

        /** {@code initialLoss}: L₀; {@code above}: consecutive epochs above the threshold so far (0 for a new run). */
        public Runaway(double initialLoss, int above) {
            this.initialLoss = initialLoss;
            this.above = above;
        }

        /** Consecutive epochs above the threshold so far (for the checkpoint attribute). */
        public int above() { return above; }

        /** Takes the mean training loss of {@code epoch}; the reason when the run has run away, else null. */
        public String afterEpoch(int epoch, double loss, boolean lastEpoch) {
            if (!(Double.isFinite(initialLoss) && initialLoss > 0)) return null; // no reference: the other checks still act
            double limit = LOSS_FACTOR * initialLoss;
            above = loss > limit ? above + 1 : 0;
            if (above == 0 || (above < RECOVERY_EPOCHS && !lastEpoch)) return null;
            return String.format(Locale.ROOT, "runaway loss: training loss %.3g above %.0f times the initial network's %.3g for %d epoch(s)%s",
                    loss, LOSS_FACTOR, initialLoss, above, above < RECOVERY_EPOCHS ? ", to the last epoch" : " without recovering");
        }
    }

    /** The columns finite at the previous checkpoint and non-finite now (timings aside), as a reason, or null. */
    public static String inRow(Map<String, Double> now, Map<String, Double> previous) {
        if (previous == null) return null;
        List<String> bad = new ArrayList<>();
        for (var e : now.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("_seconds")) continue;
            Double before = previous.get(k);
            if (before != null && Double.isFinite(before) && (e.getValue() == null || !Double.isFinite(e.getValue()))) bad.add(k);
        }
        if (bad.isEmpty()) return null;
        return "NaN/Inf in " + bad.size() + " analysis column(s) " + (bad.size() > 6 ? bad.subList(0, 6) + "…" : bad.toString());
    }
}
