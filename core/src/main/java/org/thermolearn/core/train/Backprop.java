package org.thermolearn.core.train;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.List;

/**
 * Gradients of the batch-mean training loss with respect to every block of ŵ and every bias, by
 * back-propagation through any feed-forward DAG of blocks (layered and skip edges):
 * δ_out = ∂L/∂z_out, then for g = G−2 … 1: δ_g = (Σ_{blocks g→h} δ_h W_hg) ⊙ f′(a_g);
 * ∂L/∂W_hg = δ_hᵀ a_g / B, ∂L/∂b_h = Σ_s δ_h / B.
 *
 * <p>Holds reusable buffers for one batch size; not thread-safe.
 */
public final class Backprop {

    private final Linalg la;
    private final Loss loss;

    /** Gradient buffers, one per block (same order as the network's blocks), and for the bias (length N). */
    private double[][] gradW;
    private double[] gradB;
    private double[][] delta;

    public Backprop(Loss loss, Linalg la) {
        this.loss = loss;
        this.la = la;
    }

    /** The block gradients of the last {@link #compute} call (owned by this object). */
    public double[][] gradW() { return gradW; }

    /** The bias gradient of the last {@link #compute} call, length N, 0 on inputs. */
    public double[] gradB() { return gradB; }

    /**
     * Computes the gradients of the mean loss over the batch (inputs B × n_in, targets B × n_out) and
     * returns the summed batch loss.
     */
    public double compute(Network net, double[] inputs, double[] targets, int batch) {
        NeuronLayout l = net.layout();
        List<Block> blocks = net.weights().blocks();
        int gc = l.groupCount();
        if (gradW == null || gradW.length != blocks.size()) {
            gradW = new double[blocks.size()][];
            for (int k = 0; k < blocks.size(); k++) gradW[k] = new double[blocks.get(k).w().length];
            gradB = new double[l.n()];
            delta = new double[gc][];
        }
        double[][] act = ForwardPass.run(net, inputs, batch, la);
        // output delta
        int out = l.outputGroup();
        delta[out] = ensure(delta[out], batch * l.nOut());
        double lossSum = loss.outputDelta(act[out], targets, batch, l.nOut(), net.outputActivation(), delta[out]);
        // hidden deltas in reverse topological (group) order
        for (int g = out - 1; g >= 1; g--) {
            int ng = l.size(g);
            double[] d = delta[g] = ensure(delta[g], batch * ng);
            java.util.Arrays.fill(d, 0, batch * ng, 0.0);
            for (Block b : blocks) {
                if (b.from() != g) continue;
                la.gemm(false, false, batch, ng, b.rows(), 1.0, delta[b.to()], b.w(), 1.0, d);
            }
            var f = net.activation(g);
            double[] a = act[g];
            for (int i = 0; i < batch * ng; i++) d[i] *= f.dfFromValue(a[i]);
        }
        // weight and bias gradients
        double inv = 1.0 / batch;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            la.gemm(true, false, b.rows(), b.cols(), batch, inv, delta[b.to()], act[b.from()], 0.0, gradW[k]);
        }
        for (int g = 1; g < gc; g++) {
            int ng = l.size(g), o = l.offset(g);
            double[] d = delta[g];
            for (int j = 0; j < ng; j++) gradB[o + j] = 0;
            for (int s = 0; s < batch; s++) {
                int base = s * ng;
                for (int j = 0; j < ng; j++) gradB[o + j] += d[base + j];
            }
            for (int j = 0; j < ng; j++) gradB[o + j] *= inv;
        }
        return lossSum;
    }

    private static double[] ensure(double[] buf, int len) {
        return buf != null && buf.length == len ? buf : new double[len];
    }
}
