package org.thermolearn.tests.perf;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.core.train.TrainerState;
import org.thermolearn.tests.bench.BenchNets;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * ThermoLearn's side of tests/perf/side-by-side.sh: times every epoch of plain SGD, the first (JIT warm-up)
 * included, and prints one machine-readable line per epoch ({@code epoch i wall_s cpu_s loss}).
 *
 * <pre>
 *   java -cp tests/target/benchmarks.jar org.thermolearn.tests.perf.EpochTiming \
 *        --arch 784-100-10 --batch 64 --loss mse --epochs 4 [--l2 0] [--lr 0.1] [--data mnist|synthetic]
 *        [--samples 50000] [--backend auto|native|java] [--threads 1|2 (default: the trainer's)] [--seed 1]
 * </pre>
 * The loss "bce" uses sigmoid hidden and output neurons (Nielsen's setting); "mse" uses tanh.
 */
public final class EpochTiming {

    private EpochTiming() { }

    /** The trainer's thread count, or 1 for builds before the data-parallel trainer (for A/B timing). */
    private static int threads(Trainer t) {
        try {
            return (int) Trainer.class.getMethod("threads").invoke(t);
        } catch (ReflectiveOperationException e) {
            return 1;
        }
    }

    public static void main(String[] args) {
        String arch = "784-100-10", loss = "mse", data = "mnist", backend = "auto";
        int batch = 64, epochs = 4, samples = 50_000, threads = 0;
        double lr = 0.1, l2 = 0;
        long seed = 1;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--arch" -> arch = v;
                case "--batch" -> batch = Integer.parseInt(v);
                case "--loss" -> loss = v;
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--samples" -> samples = Integer.parseInt(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--l2" -> l2 = Double.parseDouble(v);
                case "--data" -> data = v;
                case "--backend" -> backend = v;
                case "--seed" -> seed = Long.parseLong(v);
                case "--threads" -> threads = Integer.parseInt(v);
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the javadoc of EpochTiming");
                    System.exit(2);
                }
            }
        }
        Loss l = Loss.parse(loss);
        Activation act = l == Loss.BINARY_CROSS_ENTROPY ? Activation.SIGMOID : Activation.TANH;
        Architecture a = Architecture.parse(arch, act, act);
        Samples train = BenchNets.samples(data, samples, false, seed);
        Network init = Initialization.normal(1).create(a, seed);
        Linalg la = Linalg.select(backend);
        Optimizer opt = Optimizer.sgd(lr).withL2(l2);
        Trainer t = threads > 0
                ? new Trainer(new TrainerState(init, null, null, 0), opt, l, batch, seed, la, threads)
                : new Trainer(init, opt, l, batch, seed, la);
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "# ThermoLearn %s batch %d loss %s l2 %g, %d samples, %s, threads %d%n",
                arch, batch, l, l2, samples, la.name(), threads(t));
        for (int e = 0; e < epochs; e++) {
            long c0 = bean.getProcessCpuTime(), t0 = System.nanoTime();
            double lossMean = t.trainEpoch(train);
            double wall = (System.nanoTime() - t0) * 1e-9, cpu = (bean.getProcessCpuTime() - c0) * 1e-9;
            System.out.printf(Locale.ROOT, "epoch %d %.4f %.4f %.6f%n", e, wall, cpu, lossMean);
        }
    }
}
