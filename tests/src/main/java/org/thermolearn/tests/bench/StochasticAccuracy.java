package org.thermolearn.tests.bench;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.train.Initialization;
import org.thermolearn.core.train.Loss;
import org.thermolearn.core.train.Optimizer;
import org.thermolearn.core.train.Samples;
import org.thermolearn.core.train.Trainer;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;
import org.thermolearn.thermo.RouteComparison;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.stochastic.StochasticOptions;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;

import java.util.Locale;

/**
 * Issue 11 accuracy report: a tanh net trained briefly on MNIST (plain SGD, ½Σ squared error), analysed by the
 * exact route and by the stochastic route (default {@link StochasticOptions}), both spaces, printed side by side
 * with the tolerances: C_&gt;(1) and μ₂ within 1 % relative, γ within 0.02, ln λ_min/max within 1 %,
 * histogram within 0.02 Wasserstein-1 (ln λ units), plus |error| / SE.
 *
 * <p>Usage: {@code tests/bench.sh slq-accuracy [arch [epochs [samples [steps]]]]}, default 784-100-100-10, 1 epoch,
 * 10 000 MNIST images (synthetic with {@code -Dbench.data=synthetic}).
 */
public final class StochasticAccuracy {

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "784-100-100-10";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
        StochasticOptions so = StochasticOptions.defaults();
        if (args.length > 3) so = so.withSteps(Integer.parseInt(args[3]));
        String data = System.getProperty("bench.data", "mnist");
        Linalg la = Linalg.select("auto");
        Samples train = BenchNets.samples(data, samples, false, 1);
        Trainer tr = new Trainer(Initialization.normal(1).create(BenchNets.arch(arch), 1), Optimizer.sgd(0.1), Loss.SQUARED_ERROR, 32, 1, la);
        long t0 = System.nanoTime();
        double loss = Double.NaN;
        for (int e = 0; e < epochs; e++) loss = tr.trainEpoch(train);
        Network net = tr.snapshot();
        System.out.printf(Locale.ROOT, "%s trained %d epoch(s) on %d %s images, lr 0.1, batch 32: loss %.4f (%.1f s)%n", arch, epochs,
                samples, data, loss, (System.nanoTime() - t0) * 1e-9);
        AnalysisOptions o = AnalysisOptions.defaults();
        long te = System.nanoTime();
        ThermoAnalysisResult exact = ThermoAnalysis.analyse(net, o.withRoute(Route.COMPRESSED, null, null), la);
        double exactS = (System.nanoTime() - te) * 1e-9;
        long ts = System.nanoTime();
        ThermoAnalysisResult est = ThermoAnalysis.analyse(net, o.withRoute(Route.STOCHASTIC, null, null).withStochastic(so), la);
        double stS = (System.nanoTime() - ts) * 1e-9;
        System.out.printf(Locale.ROOT, "exact route %.2f s, stochastic route %.2f s (both spaces, %s)%n", exactS, stS, la.name());
        for (IntegrationSpace sp : IntegrationSpace.values()) {
            SpaceAnalysis e = exact.get(sp), s = est.get(sp);
            StochasticSpectrum st = s.stochastic();
            System.out.printf(Locale.ROOT, "%s space: n_c = %d (exact N_nt = %d), %d probes x %d steps%n", sp.label(), st.nCompressed(),
                    e.spectrum().nNontrivial(), st.probes(), st.steps());
            System.out.print(RouteComparison.of(e, s).format());
        }
    }

    private StochasticAccuracy() { }
}
