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
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.stochastic.Estimate;
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
            double[] y = e.spectrum().lnLambdaNontrivial();
            System.out.printf(Locale.ROOT, "%s space: n_c = %d (exact N_nt = %d), %d probes x %d steps%n", sp.label(), st.nCompressed(),
                    e.spectrum().nNontrivial(), st.probes(), st.steps());
            row("C_>(1) (S21)", e.complexity().cGt(), st.cGt(), true, 0.01);
            row("mu2 (S35)", e.moments().mu(2), st.mu()[2], true, 0.01);
            row("mu2_nt (S35)", e.moments().muNt(2), st.muNt()[2], true, 0.01);
            row("mu3 (S35)", e.moments().mu(3), st.mu()[3], true, Double.NaN);
            row("gamma (S35)", e.moments().skewnessNt(), st.skewnessNt(), false, 0.02);
            row("ln lambda_min", y[0], st.lnLambdaMin(), true, 0.01);
            row("ln lambda_max", y[y.length - 1], st.lnLambdaMax(), true, 0.01);
            row("laplacian ln (S30)", e.laplacianFLnLambda(), st.laplacianLnLambda(), true, Double.NaN);
            row("laplacian lambda (S30)", e.laplacianFLambda(), st.laplacianLambda(), true, Double.NaN);
            row("kappa2", e.moments().kappa(2), st.kappa()[2], true, Double.NaN);
            double w1 = wasserstein(e.histogram().counts(), st.density(), e.histogram().lo(), e.histogram().hi());
            System.out.printf(Locale.ROOT, "  %-24s W1 = %.4f ln-lambda units (tolerance 0.02) %s%n", "histogram (A16)", w1, w1 <= 0.02 ? "ok" : "OVER");
        }
    }

    private static void row(String name, double exact, Estimate e, boolean relative, double tol) {
        double err = relative ? Math.abs(e.value() - exact) / Math.abs(exact) : Math.abs(e.value() - exact);
        String verdict = Double.isNaN(tol) ? "" : (err <= tol ? "ok" : "OVER");
        System.out.printf(Locale.ROOT, "  %-24s exact %14.6g  est %14.6g  SE %10.3g  %s err %9.2e  |err|/SE %5.2f %s%n", name, exact,
                e.value(), e.se(), relative ? "rel" : "abs", err, e.se() == 0 ? 0 : Math.abs(e.value() - exact) / e.se(), verdict);
    }

    static double wasserstein(long[] exact, double[] est, double lo, double hi) {
        double te = 0, ts = 0;
        for (int i = 0; i < exact.length; i++) {
            te += exact[i];
            ts += est[i];
        }
        double ce = 0, cs = 0, w = 0, bw = (hi - lo) / exact.length;
        for (int i = 0; i < exact.length; i++) {
            ce += exact[i] / te;
            cs += est[i] / ts;
            w += Math.abs(ce - cs) * bw;
        }
        return w;
    }

    private StochasticAccuracy() { }
}
