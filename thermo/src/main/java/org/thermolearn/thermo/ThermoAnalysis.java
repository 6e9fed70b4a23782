package org.thermolearn.thermo;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.ensemble.Complexity;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.GroundState;
import org.thermolearn.thermo.ensemble.Moments;
import org.thermolearn.thermo.entropy.EntropyProduction;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.Histogram;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.SpectrumSolver;
import org.thermolearn.thermo.stochastic.CompressedOperator;
import org.thermolearn.thermo.stochastic.StochasticLanczosQuadrature;
import org.thermolearn.thermo.stochastic.StochasticOptions;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;

import java.util.ArrayList;
import java.util.List;

/**
 * One call per checkpoint: the operator Ĝ (S11) of a snapshot in each requested integration space,
 * its non-trivial spectrum (§8), the block-product identities ((S33), (S34), P13), the Gaussian
 * ensemble at β ((S12)–(S19)), complexity ((S19), (S21), (S22)), moments (S35), the Laplacians of F
 * ((S28)–(S30)) and the ln λ histogram (A16). The powers of F′ŵ are computed once and shared by both spaces.
 * Each space takes the exact route or, above the cost budget, the stochastic one ({@link #stochastic}).
 */
public final class ThermoAnalysis {

    private ThermoAnalysis() { }

    /**
     * True if this space takes the stochastic route: always for {@link Route#STOCHASTIC}; for {@link Route#AUTO}
     * when F′ŵ is block-nilpotent and the exact compressed route's estimated cost 10 n_c³ exceeds the budget
     * {@link StochasticOptions#exactBudgetFlops()}.
     */
    public static boolean stochastic(GOperator op, AnalysisOptions o) {
        if (o.route() == Route.STOCHASTIC) {
            if (!op.isBlockNilpotent()) {
                throw new IllegalArgumentException("the stochastic route needs a feed-forward network: " + op.layout() + " has a backward/recurrent "
                        + "block, so (I - F'w)^-1 is not a finite Neumann series (§8 item 6); use the exact dense route (Route.DENSE or AUTO, N_G <= "
                        + GOperator.DENSE_LIMIT + ")");
            }
            return true;
        }
        if (o.route() != Route.AUTO || !op.isBlockNilpotent()) return false;
        return StochasticOptions.exactCost(CompressedOperator.compressedSize(op)) > o.stochastic().exactBudgetFlops();
    }

    /** Analyses a snapshot with the given options on the given backend. */
    public static ThermoAnalysisResult analyse(Network net, AnalysisOptions options, Linalg la) {
        long t0 = System.nanoTime();
        AnalysisOptions o = options == null ? AnalysisOptions.defaults() : options;
        GOperator base = GOperator.of(net, o.spaces().get(0), o.dataFPrime(), o.mass());
        SpectrumSolver solver = new SpectrumSolver(la, o.route(), o.leftTail(), o.method(), o.tau());
        List<SpaceAnalysis> out = new ArrayList<>();
        for (IntegrationSpace sp : o.spaces()) {
            long t1 = System.nanoTime();
            GOperator op = base.inSpace(sp);
            if (stochastic(op, o)) {
                // exact block-product traces ((S33), (S34), P13): checks and control variates of the estimate
                BlockIdentities id = BlockIdentities.of(op, la);
                StochasticSpectrum st = new StochasticLanczosQuadrature(la, o.stochastic()).estimate(op, id, o);
                out.add(SpaceAnalysis.ofStochastic(st, GroundState.e0(op), o, (System.nanoTime() - t1) * 1e-9));
                continue;
            }
            Spectrum s = solver.spectrum(op);
            BlockIdentities id = s.identities();
            double e0 = GroundState.e0(op);
            GaussianEnsemble ens = GaussianEnsemble.of(s, e0, o.beta());
            Complexity cx = Complexity.of(s, o.lambdaC(), o.rankEpsilon(), o.complexityMass());
            Moments mo = Moments.of(s, o.maxMoment());
            double lapL = EntropyProduction.laplacianLambda(s, o.beta());
            double lapY = EntropyProduction.laplacianLnLambda(s, o.beta(), o.phi());
            double rate = EntropyProduction.entropyRate(lapY, o.gamma(), o.direction());
            Histogram h = Histogram.of(s, o.histogramLo(), o.histogramHi(), o.histogramBins());
            out.add(new SpaceAnalysis(sp, s, id, ens, cx, mo, lapL, lapY, rate, h, (System.nanoTime() - t1) * 1e-9, null));
        }
        return new ThermoAnalysisResult(net.layout().toString(), o, la.name(), List.copyOf(out), (System.nanoTime() - t0) * 1e-9);
    }
}
