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
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;

import java.util.concurrent.TimeUnit;

/**
 * Question 3a: the thermo analysis of one snapshot of a 784-100-100-10 tanh net in both integration
 * spaces, {@code ThermoAnalysis.analyse(net, AnalysisOptions.defaults(), la)} (compressed route, Neumann
 * left tail), against the dense baseline in the same run: Ĝ = (I − F′ŵ)ᵀ(I − F′ŵ) formed N_G × N_G from
 * {@code toDense()} and {@code fPrimeAtBias()} and handed to {@code la.symmetricEigenvalues}, also in both
 * spaces ({@code denseBothSpaces}) and in the all-N space only ({@code denseAllSpace}). Goal: analyse ≥ 10×
 * faster than the dense baseline.
 *
 * <p>Weights are trained-like: w ~ N(0, scale²/fan-in) with scale 2 and a random N(0, 0.5²) bias.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ThermoSnapshotBench {

    @Param({"native", "java"})
    public String backend;

    @Param({"784-100-100-10"})
    public String arch;

    @Param({"2"})
    public double scale;

    @Param({"0.5"})
    public double biasSd;

    /** Spectrum kernel of the compressed route (Method: AUTO, SVD, GRAM); AUTO = the library default. */
    @Param({"AUTO"})
    public String method;

    /** Neumann left tail (LeftTail: AUTO, ALWAYS, NEVER); AUTO = the library default. */
    @Param({"AUTO"})
    public String leftTail;

    private Linalg la;
    private Network net;
    private AnalysisOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        la = BenchNets.linalg(backend);
        net = BenchNets.trainedLike(arch, scale, biasSd, 3);
        options = AnalysisOptions.defaults().withRoute(Route.AUTO, LeftTail.valueOf(leftTail), Method.valueOf(method));
    }

    @Benchmark
    public void analyse(Blackhole bh) {
        ThermoAnalysisResult r = ThermoAnalysis.analyse(net, options, la);
        for (SpaceAnalysis s : r.spaces()) bh.consume(s.spectrum().lnLambdaNontrivial());
        bh.consume(r);
    }

    @Benchmark
    public void denseBothSpaces(Blackhole bh) {
        bh.consume(BenchNets.denseSpectrum(net, 0, la));
        bh.consume(BenchNets.denseSpectrum(net, net.layout().nIn(), la));
    }

    @Benchmark
    public void denseAllSpace(Blackhole bh) {
        bh.consume(BenchNets.denseSpectrum(net, 0, la));
    }
}
