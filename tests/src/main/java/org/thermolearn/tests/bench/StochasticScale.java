package org.thermolearn.tests.bench;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.RouteComparison;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Route;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 11 scaling and side by side: one checkpoint's analysis (both spaces, all scalars and the histogram) of a
 * trained-like tanh net by the stochastic route and, for the architectures listed after {@code --exact}, by the
 * exact compressed route on the same net in the same JVM, with wall time, process CPU time and the peak Java
 * heap; where both ran, the stochastic estimates against the exact values ({@link RouteComparison}). A plain main
 * program (one timed call per route and architecture after an untimed warm-up on 784-200-200-10), so that it can
 * state memory and CPU time; rows are appended to a CSV file for docs/RESULTS.md and {@link ScaleFigure}.
 *
 * <p>Usage: {@code java -cp tests/target/benchmarks.jar org.thermolearn.tests.bench.StochasticScale
 * [--exact ARCH,ARCH] [--steps K,K] [--csv FILE] ARCH…}, e.g. {@code --exact 784-1000-1000-10 784-1000-1000-10 784-4000-4000-10}.
 * Threads: the stochastic route runs its Ĝ_c and Ĝ_c⁻¹ recurrences on two Java threads (OPENBLAS_NUM_THREADS=1 as
 * the launcher sets); the exact route then has one BLAS thread (run with OPENBLAS_NUM_THREADS=2 to give it both).
 */
public final class StochasticScale {

    public static void main(String[] args) throws IOException {
        List<String> exactArchs = new ArrayList<>(), archs = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exact" -> exactArchs.addAll(List.of(args[++i].split(",")));
                case "--csv" -> csv = Path.of(args[++i]);
                case "--steps" -> {
                    for (String k : args[++i].split(",")) steps.add(Integer.parseInt(k));
                }
                default -> archs.add(args[i]);
            }
        }
        Linalg la = Linalg.select("auto");
        AnalysisOptions st = AnalysisOptions.defaults().withRoute(Route.STOCHASTIC, null, null);
        AnalysisOptions ex = AnalysisOptions.defaults().withRoute(Route.COMPRESSED, null, null);
        Network warm = BenchNets.trainedLike("784-200-200-10", 2, 0.5, 3);
        ThermoAnalysis.analyse(warm, st, la);
        ThermoAnalysis.analyse(warm, ex, la);
        String threads = System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset");
        if (csv != null && !Files.exists(csv)) {
            Files.writeString(csv, "arch,width,route,wall_s,cpu_s,peak_heap_mib,network_mib,nc_all,nc_clamped,probes_all,probes_clamped,steps,openblas_threads,load1\n");
        }
        if (steps.isEmpty()) steps.add(st.stochastic().steps());
        for (String arch : archs) {
            Network net = BenchNets.trainedLike(arch, 2, 0.5, 3);
            Timed e = null;
            for (int k : steps) {
                Timed s = timed(net, st.withStochastic(st.stochastic().withSteps(k)), la);
                print(arch, "stochastic", s);
                append(csv, arch, "stochastic", s, threads);
                if (!exactArchs.contains(arch)) continue;
                if (e == null) {
                    e = timed(net, ex, la);
                    print(arch, "exact", e);
                    append(csv, arch, "exact", e, threads);
                }
                System.out.printf(Locale.ROOT, "%s: exact / stochastic (%d steps) = %.1f x wall, %.1f x CPU%n", arch, k, e.wall / s.wall, e.cpu / s.cpu);
                for (IntegrationSpace sp : IntegrationSpace.values()) {
                    System.out.println(sp.label() + " space, stochastic (" + k + " steps) vs exact:");
                    System.out.print(RouteComparison.of(e.result.get(sp), s.result.get(sp)).format());
                }
            }
        }
    }

    private record Timed(ThermoAnalysisResult result, double wall, double cpu, long peakHeap, long baseHeap) { }

    private static Timed timed(Network net, AnalysisOptions o, Linalg la) {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long base = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long c0 = cpuNanos(), t0 = System.nanoTime();
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, o, la);
        double wall = (System.nanoTime() - t0) * 1e-9, cpu = (cpuNanos() - c0) * 1e-9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        return new Timed(r, wall, cpu, peak, base);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(String arch, String route, Timed t) {
        StringBuilder b = new StringBuilder();
        for (SpaceAnalysis a : t.result.spaces()) {
            b.append(String.format(Locale.ROOT, " | %s %.1f s", a.space().label(), a.seconds()));
            if (a.isStochastic()) {
                b.append(String.format(Locale.ROOT, " (n_c %d, %d probes x %d steps, C_>(1) %.2f ± %.2f, mu2 %.5f ± %.5f)", a.stochastic().nCompressed(),
                        a.stochastic().probes(), a.stochastic().steps(), a.stochastic().cGt().value(), a.stochastic().cGt().se(),
                        a.stochastic().mu()[2].value(), a.stochastic().mu()[2].se()));
            }
        }
        System.out.printf(Locale.ROOT, "%s %s: %.1f s wall, %.1f s CPU, both spaces; heap: network %.0f MiB, peak during analysis %.0f MiB "
                + "(sum of pool peaks); load %s%s%n", route, arch, t.wall, t.cpu, t.baseHeap / 1048576.0, t.peakHeap / 1048576.0, load(), b);
    }

    private static void append(Path csv, String arch, String route, Timed t, String threads) throws IOException {
        if (csv == null) return;
        SpaceAnalysis all = t.result.get(IntegrationSpace.ALL), cl = t.result.get(IntegrationSpace.CLAMPED);
        String line = String.format(Locale.ROOT, "%s,%s,%s,%.2f,%.2f,%.0f,%.0f,%d,%d,%d,%d,%d,%s,%s%n", arch, arch.split("-")[1], route, t.wall, t.cpu,
                t.peakHeap / 1048576.0, t.baseHeap / 1048576.0, nc(all), nc(cl), probes(all), probes(cl),
                all.isStochastic() ? all.stochastic().steps() : 0, threads, load());
        Files.writeString(csv, line, StandardOpenOption.APPEND);
    }

    private static int nc(SpaceAnalysis a) { return a.isStochastic() ? a.stochastic().nCompressed() : a.spectrum().nNontrivial(); }

    private static int probes(SpaceAnalysis a) { return a.isStochastic() ? a.stochastic().probes() : 0; }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "NaN";
        }
    }

    private StochasticScale() { }
}
