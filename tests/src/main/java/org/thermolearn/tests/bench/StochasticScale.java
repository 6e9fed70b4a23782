package org.thermolearn.tests.bench;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.spectrum.Route;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Issue 11 scaling: wall time of one checkpoint's analysis (both spaces) of a trained-like tanh net by the
 * stochastic or the exact route, for each architecture given, with the peak Java heap in use. A plain main
 * program (one timed call per architecture after one untimed warm-up on 784-200-200-10), so it can also
 * state memory; the JMH side-by-side comparison is {@link ThermoStochasticBench}.
 *
 * <p>Usage: {@code java -cp tests/target/benchmarks.jar org.thermolearn.tests.bench.StochasticScale
 * stochastic|exact 784-1000-1000-10 784-4000-4000-10 …}
 */
public final class StochasticScale {

    public static void main(String[] args) {
        Route route = args[0].equals("exact") ? Route.COMPRESSED : Route.STOCHASTIC;
        Linalg la = Linalg.select("auto");
        AnalysisOptions o = AnalysisOptions.defaults().withRoute(route, null, null);
        ThermoAnalysis.analyse(BenchNets.trainedLike("784-200-200-10", 2, 0.5, 3), o, la); // warm-up
        for (int i = 1; i < args.length; i++) {
            Network net = BenchNets.trainedLike(args[i], 2, 0.5, 3);
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
            long base = heapUsed();
            long t0 = System.nanoTime();
            ThermoAnalysisResult r = ThermoAnalysis.analyse(net, o, la);
            double s = (System.nanoTime() - t0) * 1e-9;
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            StringBuilder b = new StringBuilder();
            for (SpaceAnalysis a : r.spaces()) {
                b.append(String.format(Locale.ROOT, " | %s %.1f s", a.space().label(), a.seconds()));
                if (a.isStochastic()) {
                    b.append(String.format(Locale.ROOT, " (n_c %d, %d probes x %d steps, C_>(1) %.2f ± %.2f, mu2 %.5f ± %.5f)", a.stochastic().nCompressed(),
                            a.stochastic().probes(), a.stochastic().steps(), a.stochastic().cGt().value(), a.stochastic().cGt().se(),
                            a.stochastic().mu()[2].value(), a.stochastic().mu()[2].se()));
                }
            }
            System.out.printf(Locale.ROOT, "%s %s: %.1f s both spaces; heap: network %.0f MiB, peak during analysis %.0f MiB (sum of pool peaks)%s%n",
                    args[0], args[i], s, base / 1048576.0, peak / 1048576.0, b);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private StochasticScale() { }
}
