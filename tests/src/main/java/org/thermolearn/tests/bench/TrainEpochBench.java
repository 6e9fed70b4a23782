package org.thermolearn.tests.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.core.train.TrainerState;

import java.util.concurrent.TimeUnit;

/**
 * Question 1: one full training epoch of plain SGD (batch 64, squared-error loss, float64) for a
 * 784-100-10 tanh net over 60 000 MNIST images, per backend; {@code arch}, {@code batch} and {@code threads}
 * (0 = the trainer's default, min(2, cores); results do not depend on it) vary it. Issue 16's cases:
 * {@code -p arch=784-100-10,784-100-100-10 -p threads=1,2}; batch 10 with sigmoid + cross-entropy + L2 is
 * {@code -p batch=10 -p loss=bce -p l2=1e-4 -p lr=0.5}. First-epoch (JIT) costs are in tests/perf/side-by-side.sh. One benchmark invocation = one epoch
 * (SingleShotTime); every iteration starts from the same initial network with a fresh {@link Trainer},
 * so each measured epoch does identical work (epoch 0's shuffle). The PyTorch counterpart is
 * tests/torch/compare_torch.py (run both with tests/torch/compare_torch.sh).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class TrainEpochBench {

    /** "native" (OpenBLAS through netlib; set OPENBLAS_NUM_THREADS) or "java" (EJML). */
    @Param({"native", "java"})
    public String backend;

    @Param({"784-100-10"})
    public String arch;

    @Param({"64"})
    public int batch;

    @Param({"0.1"})
    public double lr;

    /** "mse" (tanh, squared error) or "bce" (sigmoid, cross-entropy). */
    @Param({"mse"})
    public String loss;

    @Param({"0"})
    public double l2;

    /** Trainer threads; 0 = the default. */
    @Param({"0"})
    public int threads;

    /** "mnist" (real images from the cache) or "synthetic" (same shape). */
    @Param({"mnist"})
    public String data;

    @Param({"60000"})
    public int samples;

    @Param({"1"})
    public long seed;

    private Samples train;
    private Network initial;
    private Linalg la;
    private Trainer trainer;

    @Setup(Level.Trial)
    public void load() {
        la = BenchNets.linalg(backend);
        train = BenchNets.samples(data, samples, false, seed);
        var a = BenchNets.arch(arch);
        if (loss.equals("bce")) a = a.withActivations(Activation.SIGMOID, Activation.SIGMOID);
        initial = Initialization.normal(1).create(a, seed);
    }

    @Setup(Level.Iteration)
    public void freshTrainer() {
        Optimizer opt = Optimizer.sgd(lr).withL2(l2);
        Loss l = Loss.parse(loss);
        trainer = threads > 0
                ? new Trainer(new TrainerState(initial, null, null, 0), opt, l, batch, seed, la, threads)
                : new Trainer(initial, opt, l, batch, seed, la);
    }

    @Benchmark
    public void epoch(Blackhole bh, CpuTime cpu) {
        bh.consume(trainer.trainEpoch(train));
        bh.consume(trainer.step());
    }
}
