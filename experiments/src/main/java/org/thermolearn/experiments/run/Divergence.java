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
 * operator G (S9) is dominated by round-off), a training loss {@value #LOSS_FACTOR} times its
 * starting value, or an analysis column that was finite at the previous checkpoint and is now
 * NaN/±∞. Each check returns the reason as a phrase for the status line, or null.
 */
public final class Divergence {

    /** Largest |w| or |b| accepted; far above any trained network (O(1)–O(100)), far below overflow. */
    public static final double MAX_WEIGHT = 1e10;
    /**
     * A training loss this many times its starting value is a runaway: SGD that converges lowers the
     * loss, and one that overshoots into saturation (tanh outputs pinned at ±1, test accuracy at chance)
     * ends several times above it, where every later measurement describes a dead network.
     */
    public static final double LOSS_FACTOR = 4;

    private Divergence() { }

    /** The reason the network or epoch loss shows divergence, or null. */
    public static String afterEpoch(Network net, double trainLoss, double startLoss) {
        if (!Double.isFinite(trainLoss)) return "NaN/Inf in the training loss";
        double max = 0;
        for (double v : net.bias()) max = Math.max(max, Math.abs(v));
        for (Block b : net.weights().blocks()) for (double v : b.w()) max = Double.isNaN(v) ? Double.NaN : Math.max(max, Math.abs(v));
        if (!Double.isFinite(max)) return "NaN/Inf in the weights";
        if (max > MAX_WEIGHT) return String.format(Locale.ROOT, "weights ran away: max |w| = %.3g > %.0e", max, MAX_WEIGHT);
        if (Double.isFinite(startLoss) && startLoss > 0 && trainLoss > LOSS_FACTOR * startLoss) {
            return String.format(Locale.ROOT, "runaway loss: training loss %.3g is over %.0f times its start %.3g", trainLoss, LOSS_FACTOR, startLoss);
        }
        return null;
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
