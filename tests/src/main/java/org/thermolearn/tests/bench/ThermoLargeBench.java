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

import java.util.concurrent.TimeUnit;

/**
 * Question 3b: the thermo analysis of one snapshot of a 784-1000-1000-10 tanh net (N = 2794) in both
 * spaces, goal ≤ 10 s with native BLAS; the pure-Java figure with {@code -p backend=java}. Slow, so
 * single-shot: one invocation = one analysis. {@code denseBothSpaces} is the dense baseline (N_G = 2794
 * and 2010), select it explicitly (it is not in the default bench.sh selection).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class ThermoLargeBench {

    @Param({"native"})
    public String backend;

    @Param({"784-1000-1000-10"})
    public String arch;

    @Param({"2"})
    public double scale;

    @Param({"0.5"})
    public double biasSd;

    private Linalg la;
    private Network net;
    private AnalysisOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        la = BenchNets.linalg(backend);
        net = BenchNets.trainedLike(arch, scale, biasSd, 3);
        options = AnalysisOptions.defaults();
    }

    @Benchmark
    public void analyse(Blackhole bh, CpuTime cpu) {
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, options, la);
        for (SpaceAnalysis s : r.spaces()) bh.consume(s.spectrum().lnLambdaNontrivial());
        bh.consume(r);
    }

    @Benchmark
    public void denseBothSpaces(Blackhole bh, CpuTime cpu) {
        bh.consume(BenchNets.denseSpectrum(net, 0, la));
        bh.consume(BenchNets.denseSpectrum(net, net.layout().nIn(), la));
    }
}
