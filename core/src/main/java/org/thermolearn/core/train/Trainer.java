package org.thermolearn.core.train;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a network with the SGD family ({@link Optimizer}). The trainer owns a
 * private mutable copy of the network and hands out immutable snapshots.
 *
 * <p>Determinism: the sample order of epoch e is a Fisher–Yates shuffle drawn from a generator seeded
 * with (seed, e) alone, so the whole trajectory is a function of the seed, the initial network and the
 * global step counter. Restoring a {@link TrainerState} at any step continues bit-identically (for the
 * same linear-algebra backend).
 *
 * <p>Speed: each step is data-parallel over {@link ShardedSgdStep#SHARDS} fixed batch shards with the update
 * fused into the gradient gemm ({@link ShardedSgdStep}); by default the shards run on min(2, cores) threads
 * (batches of {@value ShardedSgdStep#MIN_PARALLEL_BATCH} rows and more; smaller ones are memory-bound and run on one).
 * The arithmetic depends on the shard count only, so results do <em>not</em> depend on the thread count
 * (one thread and two give the same bits). Native BLAS should run single-threaded inside (the launcher
 * sets OPENBLAS_NUM_THREADS=1 unless it is set): the threads are the trainer's.
 */
public final class Trainer {

    private final Network net;
    private final Optimizer optimizer;
    private final Loss loss;
    private final int batchSize;
    private final long seed;
    private final Linalg la;
    private final ShardedSgdStep stepper;
    private final double[][] velocityW;
    private final double[] velocityB;
    private long step;

    private int[] order;
    private long orderEpoch = -1;

    public Trainer(Network initial, Optimizer optimizer, Loss loss, int batchSize, long seed, Linalg la) {
        this(new TrainerState(initial, null, null, 0), optimizer, loss, batchSize, seed, la);
    }

    /** Continues from a saved state, on {@link #defaultThreads()} threads. */
    public Trainer(TrainerState state, Optimizer optimizer, Loss loss, int batchSize, long seed, Linalg la) {
        this(state, optimizer, loss, batchSize, seed, la, defaultThreads());
    }

    /**
     * Continues from a saved state on {@code threads} threads (1 or 2; more are capped at the shard count).
     * The result does not depend on {@code threads}, only the speed does.
     */
    public Trainer(TrainerState state, Optimizer optimizer, Loss loss, int batchSize, long seed, Linalg la, int threads) {
        if (threads < 1) throw new IllegalArgumentException("trainer threads must be ≥ 1, got " + threads);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        Network initial = state.network();
        if (!initial.weights().isFeedForward()) {
            throw new IllegalArgumentException("training needs a feed-forward ŵ (a DAG of blocks); this one has a backward block");
        }
        if (loss.requiredOutputActivation() != null && initial.outputActivation() != loss.requiredOutputActivation()) {
            throw new IllegalArgumentException("loss " + loss + " needs " + loss.requiredOutputActivation()
                    + " output activation, the network has " + initial.outputActivation());
        }
        this.net = initial.copy();
        this.optimizer = optimizer;
        this.loss = loss;
        this.batchSize = batchSize;
        this.seed = seed;
        this.la = la;
        this.stepper = new ShardedSgdStep(net, loss, la, threads);
        List<Block> blocks = net.weights().blocks();
        this.velocityW = new double[blocks.size()][];
        for (int k = 0; k < blocks.size(); k++) {
            velocityW[k] = state.velocityW() != null ? state.velocityW()[k].clone() : new double[blocks.get(k).w().length];
        }
        this.velocityB = state.velocityB() != null ? state.velocityB().clone() : new double[net.layout().n()];
        this.step = state.step();
    }

    /** min(2, available processors): the trainer's default thread count. */
    public static int defaultThreads() {
        return Math.min(ShardedSgdStep.SHARDS, Runtime.getRuntime().availableProcessors());
    }

    /** The threads the steps run on (results do not depend on it). */
    public int threads() { return stepper.threads(); }

    /** Number of optimisation steps in one epoch over {@code count} samples (the last batch may be smaller). */
    public int stepsPerEpoch(int count) {
        return (count + batchSize - 1) / batchSize;
    }

    /** Global step counter (number of updates made so far). */
    public long step() { return step; }

    /** The fractional epoch reached: step / stepsPerEpoch. */
    public double epoch(int count) { return (double) step / stepsPerEpoch(count); }

    /** The learning rate the next step will use (the schedule at the current fractional epoch). */
    public double learningRate(int count) {
        return optimizer.schedule().rate(optimizer.learningRate(), (double) step / stepsPerEpoch(count));
    }

    /** An immutable snapshot of the current network. */
    public Network snapshot() { return net.copy(); }

    /** Everything needed to continue bit-identically. */
    public TrainerState state() {
        double[][] vw = new double[velocityW.length][];
        for (int k = 0; k < vw.length; k++) vw[k] = velocityW[k].clone();
        return new TrainerState(net.copy(), vw, velocityB.clone(), step);
    }

    /** Runs to the end of the current epoch; returns the mean training loss per sample over the steps run. */
    public double trainEpoch(Samples train) {
        int spe = stepsPerEpoch(train.count());
        long remaining = spe - (step % spe);
        return trainSteps(train, remaining);
    }

    /** Runs {@code steps} updates; returns the mean training loss per sample over them (NaN if none). */
    public double trainSteps(Samples train, long steps) {
        if (train.nIn() != net.layout().nIn() || train.nOut() != net.layout().nOut()) {
            throw new IllegalArgumentException("samples are " + train.nIn() + " -> " + train.nOut() + " but the network is "
                    + net.layout() + "; the first and last widths must match the data");
        }
        int spe = stepsPerEpoch(train.count());
        double lossSum = 0;
        long seen = 0;
        for (long t = 0; t < steps; t++) {
            long epoch = step / spe;
            int within = (int) (step % spe);
            if (orderEpoch != epoch) {
                order = permutation(train.count(), seed, epoch);
                orderEpoch = epoch;
            }
            int from = within * batchSize;
            int b = Math.min(batchSize, train.count() - from);
            lossSum += stepper.step(train, order, from, b, learningRate(train.count()), optimizer, velocityW, velocityB);
            seen += b;
            step++;
        }
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    /** The sample order of epoch {@code epoch}: a Fisher–Yates shuffle seeded by (seed, epoch). */
    static int[] permutation(int n, long seed, long epoch) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
