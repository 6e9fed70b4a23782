package org.thermolearn.core.train;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.Arrays;
import java.util.List;

/**
 * One SGD update of the trainer's network, data-parallel over a fixed number of {@link #SHARDS shards}, run on
 * up to that many threads. The numbers do not depend on the thread count (nor, see Phase B, on the sharding):
 * the trajectory is the same bit for bit on one thread or two.
 *
 * <p><b>Phase A</b> (per batch shard, independent; one shard on one thread or below {@link #MIN_PARALLEL_BATCH} rows): gather the shard's rows of the mini-batch, forward pass
 * z_g = Σ a_h W_ghᵀ + b_g, a_g = f(z_g), output delta δ_out = ∂L/∂z_out, hidden deltas
 * δ_g = (Σ_{g→h} δ_h W_hg) ⊙ f′(a_g) — the same back-propagation as {@link Backprop}.
 *
 * <p><b>Phase B</b> (per column range of every block, independent; whole blocks with EJML, on one thread or below
 * {@link #MIN_PARALLEL_BATCH} rows): that part of
 * ∂L/∂W = (1/B) δ_toᵀ a_from over the whole batch (one gemm), then the update of those entries exactly as before
 * the shards:
 * W ← W − η(g + λW), or with momentum v ← μv + g + λW, W ← W − ηv. The bias gradient is summed over the rows in
 * batch order and the batch loss over the per-entry terms in batch order. Every number is therefore computed by
 * the same operations in the same order as the one-pass {@link Backprop} step (the block gemms row by row), so
 * the records of a run are unchanged by the sharding (assuming, as OpenBLAS and EJML do, that a gemm gives an
 * entry the same bits whatever the other aligned rows/columns are; ShardedSgdStepTest checks it).
 *
 * <p>Threads: shard 0 runs on the calling thread, shard 1 on a {@link HotHelper} thread that spins between the
 * phases (a fork-join pool parks its worker between phases and waking it cost as much as the second core saved);
 * with one thread both shards run in order on the caller. Not thread-safe itself.
 */
final class ShardedSgdStep {

    /** The fixed number of batch shards and of column ranges; never changes the numbers, only the work split. */
    static final int SHARDS = 2;
    /**
     * Steps run on two threads from this batch size on; smaller batches run on the caller as one shard and one column
     * range. Below it a step is bound by passes over the weights, not by arithmetic: every shard's forward gemm packs
     * the whole first weight block again (about as costly as 10 rows of work) and two phase-B parts contend for the
     * memory (measured at batch 10: 0.78 s per epoch on one thread, 0.9–1.6 s on two). Aligned row and column splits
     * give the same bits, so this changes the speed only.
     */
    static final int MIN_PARALLEL_BATCH = 32;
    /** Shard boundaries (rows) and phase-B boundaries (columns) fall on multiples of this (see {@link #roundUp}). */
    static final int ALIGN = 8;

    private final Network net;
    private final Loss loss;
    private final Linalg la;
    private final int threads;
    private final boolean splitColumns;
    private final NeuronLayout layout;
    private final List<Block> blocks;
    private final int groups, out, nIn, nOut;
    private final int[] sizes;
    private final Shard[] shards = new Shard[SHARDS];
    private final Runnable[] phaseA = new Runnable[SHARDS], phaseB = new Runnable[SHARDS];
    /** Whether the current step runs on two threads (see {@link #MIN_PARALLEL_BATCH}). */
    private boolean parallel;
    /** The second thread (shard 1, column part 1) when running on two threads. */
    private final HotHelper helper = new HotHelper("thermolearn-sgd-shard-1");
    private final double[] gradB;
    /** ∂L/∂W per block (each phase-B part fills its columns) and the per-entry loss terms of the batch. */
    private final double[][] gradW;
    private double[] lossTerms;
    /** The batch arrays: inputs (act[0]), activations a_g, deltas δ_g (batch × n_g) and targets; shards own row ranges. */
    private final double[][] act, delta;
    private double[] y;

    // per-step inputs
    private Samples samples;
    private int[] order;
    private int from, batch;
    private double lr, momentum, l2;
    private double[][] velocityW;

    ShardedSgdStep(Network net, Loss loss, Linalg la, int threads) {
        this.net = net;
        this.loss = loss;
        this.la = la;
        this.threads = Math.max(1, Math.min(threads, SHARDS));
        this.splitColumns = la.isNative();
        this.layout = net.layout();
        this.blocks = net.weights().blocks();
        this.groups = layout.groupCount();
        this.out = layout.outputGroup();
        this.nIn = layout.nIn();
        this.nOut = layout.nOut();
        this.sizes = layout.sizes();
        this.gradB = new double[layout.n()];
        this.gradW = new double[blocks.size()][];
        for (int k = 0; k < blocks.size(); k++) gradW[k] = new double[blocks.get(k).w().length];
        this.act = new double[groups][];
        this.delta = new double[groups][];
        for (int s = 0; s < SHARDS; s++) {
            shards[s] = new Shard();
            int id = s;
            phaseA[s] = () -> shards[id].forwardBackward();
            phaseB[s] = () -> update(id);
        }
    }

    int threads() { return threads; }

    /**
     * Trains on rows {@code order[from] … order[from + batch − 1]} of {@code samples}, updates the network (and the
     * momentum buffers) in place and returns the summed loss of the batch.
     */
    double step(Samples samples, int[] order, int from, int batch, double lr, Optimizer opt,
                double[][] velocityW, double[] velocityB) {
        this.samples = samples;
        this.order = order;
        this.from = from;
        this.batch = batch;
        this.lr = lr;
        this.momentum = opt.momentum();
        this.l2 = opt.l2();
        this.velocityW = velocityW;
        if (y == null || y.length < batch * nOut) {
            y = new double[batch * nOut];
            lossTerms = new double[batch * nOut];
            for (int g = 0; g < groups; g++) {
                act[g] = new double[batch * sizes[g]];
                if (g > 0) delta[g] = new double[batch * sizes[g]];
            }
        }
        parallel = threads > 1 && batch >= MIN_PARALLEL_BATCH;
        if (parallel) {
            int row = 0;
            for (int s = 0; s < SHARDS; s++) {
                int end = s == SHARDS - 1 ? batch : Math.min(batch, roundUp(batch * (s + 1) / SHARDS));
                shards[s].row0 = row;
                shards[s].rows = Math.max(0, end - row);
                row = Math.max(row, end);
            }
            run(phaseA);
        } else {
            shards[0].row0 = 0;
            shards[0].rows = batch;
            shards[0].forwardBackward();
        }
        if (parallel && splitColumns) run(phaseB); else update(0); // one thread or EJML: whole blocks (see update)
        double lossSum = 0;
        for (int i = 0; i < batch * nOut; i++) lossSum += lossTerms[i];
        updateBias(velocityB);
        return lossSum;
    }

    /**
     * Shard boundaries at multiples of {@value #ALIGN} rows: BLAS kernels work on row blocks of that size and
     * handle the remainder separately, so an aligned boundary gives every row the same operations as one gemm over
     * the whole batch (with an unaligned one a few entries differ in the last bit).
     */
    private static int roundUp(int r) {
        return (r + ALIGN - 1) / ALIGN * ALIGN;
    }

    private void run(Runnable[] tasks) {
        helper.run(tasks[0], tasks[1]); // SHARDS = 2
    }

    /**
     * Phase B for part {@code part} of every block: a range of columns (aligned like the rows) of ∂L/∂W, then the
     * update of those entries. Native BLAS gives every entry the same bits as the whole-block gemm under this split,
     * which keeps the records of a run unchanged; EJML chooses its kernel by the matrix shape, so with EJML the
     * first part does whole blocks and the other parts nothing.
     */
    private void update(int part) {
        double inv = 1.0 / batch;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            int rows = b.rows(), cols = b.cols();
            int r0 = 0, r1 = rows, c0 = 0, c1 = cols;
            if (parallel && splitColumns) {
                c0 = part == 0 ? 0 : Math.min(cols, roundUp(cols * part / SHARDS));
                c1 = part == SHARDS - 1 ? cols : Math.min(cols, roundUp(cols * (part + 1) / SHARDS));
            } else if (part > 0) {
                continue; // EJML picks its kernel by the matrix shape: the whole block in one part keeps its bits
            }
            if (c1 == c0 || r1 == r0) continue;
            double[] w = b.w(), g = gradW[k];
            la.gemm(true, false, r1 - r0, c1 - c0, batch, inv, delta[b.to()], r0, rows, act[b.from()], c0, cols, 0.0,
                    g, r0 * cols + c0, cols);
            for (int r = r0; r < r1; r++) {
                int from = r * cols + c0, to = r * cols + c1;
                if (momentum == 0) {
                    if (l2 == 0) {
                        for (int i = from; i < to; i++) w[i] -= lr * g[i];
                    } else {
                        for (int i = from; i < to; i++) w[i] -= lr * (g[i] + l2 * w[i]);
                    }
                } else {
                    double[] v = velocityW[k];
                    for (int i = from; i < to; i++) {
                        v[i] = momentum * v[i] + g[i] + l2 * w[i];
                        w[i] -= lr * v[i];
                    }
                }
            }
        }
    }

    /** ∂L/∂b summed over the batch rows in order, then b ← b − η ∂L/∂b (with momentum: through v_b). */
    private void updateBias(double[] velocityB) {
        double inv = 1.0 / batch;
        double[] bias = net.bias();
        for (int g = 1; g < groups; g++) {
            int ng = sizes[g], o = layout.offset(g);
            Arrays.fill(gradB, o, o + ng, 0.0);
            double[] d = delta[g];
            for (int s = 0; s < batch; s++) {
                int base = s * ng;
                for (int j = 0; j < ng; j++) gradB[o + j] += d[base + j];
            }
            for (int j = 0; j < ng; j++) {
                double gb = gradB[o + j] * inv;
                if (momentum == 0) {
                    bias[o + j] -= lr * gb;
                } else {
                    velocityB[o + j] = momentum * velocityB[o + j] + gb;
                    bias[o + j] -= lr * velocityB[o + j];
                }
            }
        }
    }

    /** One shard of the mini-batch: rows row0 … row0+rows−1 of the batch arrays. */
    private final class Shard {
        int row0, rows;

        void forwardBackward() {
            if (rows == 0) return;
            double[] x = act[0], in = samples.inputs(), tg = samples.targets();
            for (int i = row0; i < row0 + rows; i++) {
                int idx = order[from + i];
                System.arraycopy(in, idx * nIn, x, i * nIn, nIn);
                System.arraycopy(tg, idx * nOut, y, i * nOut, nOut);
            }
            double[] bias = net.bias();
            for (int g = 1; g < groups; g++) {
                int ng = sizes[g], bo = layout.offset(g), zo = row0 * ng;
                double[] z = act[g];
                for (int s = 0; s < rows; s++) System.arraycopy(bias, bo, z, zo + s * ng, ng);
                for (Block b : blocks) {
                    if (b.to() != g) continue;
                    int nf = sizes[b.from()];
                    la.gemm(false, true, rows, ng, nf, 1.0, act[b.from()], row0 * nf, nf, b.w(), 0, nf, 1.0, z, zo, ng);
                }
                net.activation(g).applyInPlace(z, zo, rows * ng);
            }
            outputDelta();
            for (int g = out - 1; g >= 1; g--) {
                int ng = sizes[g], o = row0 * ng;
                double[] d = delta[g], a = act[g];
                Arrays.fill(d, o, o + rows * ng, 0.0);
                for (Block b : blocks) {
                    if (b.from() != g) continue;
                    int nt = sizes[b.to()];
                    la.gemm(false, false, rows, ng, nt, 1.0, delta[b.to()], row0 * nt, nt, b.w(), 0, ng, 1.0, d, o, ng);
                }
                Activation f = net.activation(g);
                for (int i = o; i < o + rows * ng; i++) d[i] *= f.dfFromValue(a[i]);
            }
        }

        /** δ_out and the per-entry loss terms for this shard's rows. */
        private double outputDelta() {
            int o = row0 * nOut;
            return loss.outputDelta(act[out], o, y, o, rows, nOut, net.outputActivation(), delta[out], o, lossTerms, o);
        }
    }
}
