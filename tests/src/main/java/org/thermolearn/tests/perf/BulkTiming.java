package org.thermolearn.tests.perf;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.loss.BulkLoss;
import org.thermolearn.core.loss.BulkLossOptions;
import org.thermolearn.core.loss.BulkLossResult;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.tests.bench.BenchNets;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The exact bulk loss U (S4) over {@code --samples} training samples of a network trained for {@code --epochs}
 * epochs (SGD, batch 64, lr 0.1, squared error, tanh), timed per repetition (the first includes JIT warm-up):
 *
 * <pre>
 *   java -cp tests/target/benchmarks.jar org.thermolearn.tests.perf.BulkTiming --arch 784-100-100-10 --epochs 1 \
 *        --samples 10000 [--reps 3] [--data mnist|synthetic] [--backend auto|native|java] [--train 50000]
 *        [--chunk 1000] [--memory 10] [--threads 1|2] [--method gauss-newton|lbfgs]
 * </pre>
 * Prints one line per repetition: wall and process-CPU seconds, U, the start value U_∂, the largest final
 * ‖∇B‖∞, mean/max evaluations and the non-converged and stalled counts.
 */
public final class BulkTiming {

    private BulkTiming() { }

    public static void main(String[] args) {
        String arch = "784-100-100-10", data = "mnist", backend = "auto";
        int epochs = 1, samples = 10_000, reps = 3, trainCount = 50_000, threads = 0;
        BulkLossOptions opts = BulkLossOptions.DEFAULT;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--arch" -> arch = v;
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--samples" -> samples = Integer.parseInt(v);
                case "--reps" -> reps = Integer.parseInt(v);
                case "--train" -> trainCount = Integer.parseInt(v);
                case "--data" -> data = v;
                case "--backend" -> backend = v;
                case "--chunk" -> opts = opts.withChunkSize(Integer.parseInt(v));
                case "--memory" -> opts = opts.withMemory(Integer.parseInt(v));
                case "--threads" -> threads = Integer.parseInt(v);
                case "--method" -> opts = opts.withMethod(BulkLossOptions.Method.valueOf(v.toUpperCase(Locale.ROOT).replace("-", "_")));
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the javadoc of BulkTiming");
                    System.exit(2);
                }
            }
        }
        Linalg la = Linalg.select(backend);
        Samples train = BenchNets.samples(data, Math.max(trainCount, samples), false, 1);
        Trainer t = new Trainer(Initialization.normal(1).create(BenchNets.arch(arch), 1), Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 64, 1, la);
        for (int e = 0; e < epochs; e++) t.trainEpoch(train);
        Network net = t.snapshot();
        Samples sub = train.slice(0, samples);
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BulkLoss bulk = threads > 0 ? new BulkLoss(la, opts, threads) : new BulkLoss(la, opts);
        System.out.printf(Locale.ROOT, "# bulk loss %s trained %d epochs (%s), %d samples, %s, %s%n", arch, epochs, data, samples, la.name(), bulk);
        for (int r = 0; r < reps; r++) {
            long c0 = bean.getProcessCpuTime(), t0 = System.nanoTime();
            BulkLossResult res = bulk.evaluate(net, sub.inputs(), sub.targets());
            double wall = (System.nanoTime() - t0) * 1e-9, cpu = (bean.getProcessCpuTime() - c0) * 1e-9;
            System.out.printf(Locale.ROOT, "rep %d %.4f %.4f U=%.12g start=%.12g maxGrad=%.2e evals mean %.1f max %d notConverged %d stalled %d%n",
                    r, wall, cpu, res.mean(), res.startMean(), res.maxGradInf(), res.meanIterations(), res.iterations(),
                    res.notConverged(), res.stalled());
        }
    }
}
