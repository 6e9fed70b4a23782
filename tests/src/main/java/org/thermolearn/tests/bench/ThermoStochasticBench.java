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
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.spectrum.Route;

import java.util.concurrent.TimeUnit;

/**
 * Issue 11: one checkpoint's analysis in both spaces (all scalars and the ln λ histogram) by the stochastic
 * route ({@code stochastic}: matrix-free stochastic Lanczos quadrature, default settings) and by the exact
 * compressed route ({@code exact}) on the same trained-like tanh net, side by side. Single shot: one invocation
 * is one analysis. Exact at 784-4000-4000-10 builds 8794² Gram matrices (give the fork ≥ 6 GB); 784-10000-10000-10
 * is stochastic only ({@code -p arch=784-10000-10000-10 stochastic}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xms2g", "-Xmx8g"})
@State(Scope.Benchmark)
public class ThermoStochasticBench {

    @Param({"native"})
    public String backend;

    @Param({"784-1000-1000-10", "784-4000-4000-10"})
    public String arch;

    private Linalg la;
    private Network net;
    private AnalysisOptions stochastic;
    private AnalysisOptions exact;

    @Setup(Level.Trial)
    public void setUp() {
        la = BenchNets.linalg(backend);
        net = BenchNets.trainedLike(arch, 2, 0.5, 3);
        stochastic = AnalysisOptions.defaults().withRoute(Route.STOCHASTIC, null, null);
        exact = AnalysisOptions.defaults().withRoute(Route.COMPRESSED, null, null);
    }

    @Benchmark
    public void stochastic(Blackhole bh, CpuTime cpu) {
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, stochastic, la);
        for (SpaceAnalysis s : r.spaces()) bh.consume(s.stochastic().density());
        bh.consume(r);
    }

    @Benchmark
    public void exact(Blackhole bh, CpuTime cpu) {
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, exact, la);
        for (SpaceAnalysis s : r.spaces()) bh.consume(s.histogram());
        bh.consume(r);
    }
}
