package org.thermolearn.thermo;

import org.thermolearn.thermo.entropy.BoxFreeEnergy;
import org.thermolearn.thermo.entropy.LearningDirection;
import org.thermolearn.thermo.entropy.SingleModeFreeEnergy;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.spectrum.LeftTail;
import org.thermolearn.thermo.spectrum.Method;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.spectrum.Spectrum;
import org.thermolearn.thermo.stochastic.StochasticOptions;

import java.util.List;

/**
 * Every choice of one {@link ThermoAnalysis} call, with the theory.md §9 defaults
 * ({@link #defaults()}): both integration spaces (A1), f′ at the bias (A2, {@code dataFPrime == null}),
 * mass m = 0 in Ĝ (A3), β = 1 for the ensemble (S12–S19), C_&gt;(λ_c = 1) (A4, S21), r_ε with ε = 0.1 (S22; docs/THEORY.md A4 (c)),
 * C_m with m_C = 0.1, τ = 1e-9 (A16), moments up to order 4 (S35), φ_box with a = 1 (S32, A10),
 * ascent with γ = 1 (A9), histogram of ln λ on [−10, 10) with 80 bins (A16), AUTO route and method,
 * left tail from the Neumann inverse whenever the direct route would lose 1e-11 (§8 item 6); the AUTO route
 * switches to stochastic Lanczos quadrature ({@link StochasticOptions}) when the exact route would cost more
 * than {@link StochasticOptions#exactBudgetFlops()}.
 */
public record AnalysisOptions(List<IntegrationSpace> spaces, double[] dataFPrime, double mass, double beta, double lambdaC,
                              double rankEpsilon, double complexityMass, double tau, int maxMoment,
                              SingleModeFreeEnergy phi, LearningDirection direction, double gamma,
                              double histogramLo, double histogramHi, int histogramBins,
                              Route route, LeftTail leftTail, Method method, StochasticOptions stochastic) {

    public AnalysisOptions {
        if (spaces == null || spaces.isEmpty()) throw new IllegalArgumentException("no integration space chosen; give ALL and/or CLAMPED");
        spaces = List.copyOf(spaces);
        if (!Double.isFinite(mass) || mass < 0) throw new IllegalArgumentException("mass m = " + mass + "; need a finite m >= 0 (A3)");
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta = " + beta + "; need 0 < beta < infinity");
        if (!(lambdaC > 0)) throw new IllegalArgumentException("lambda_c = " + lambdaC + "; need lambda_c > 0 (S21)");
        if (!(rankEpsilon > 0)) throw new IllegalArgumentException("rank epsilon = " + rankEpsilon + "; need epsilon > 0 (S22)");
        if (!(complexityMass >= 0)) throw new IllegalArgumentException("complexity mass = " + complexityMass + "; need >= 0");
        if (!(tau > 0)) throw new IllegalArgumentException("tau = " + tau + "; need tau > 0 (A16)");
        if (maxMoment < 3) throw new IllegalArgumentException("maxMoment = " + maxMoment + "; need >= 3 (skewness)");
        if (phi == null) throw new IllegalArgumentException("single-mode free energy phi is null; use BoxFreeEnergy.standard()");
        if (direction == null) throw new IllegalArgumentException("learning direction is null; use ASCENT (A9 default)");
        if (!(histogramHi > histogramLo) || histogramBins <= 0) {
            throw new IllegalArgumentException("histogram [" + histogramLo + ", " + histogramHi + ") with " + histogramBins + " bins is empty");
        }
        if (route == null) route = Route.AUTO;
        if (leftTail == null) leftTail = LeftTail.AUTO;
        if (method == null) method = Method.AUTO;
        if (stochastic == null) stochastic = StochasticOptions.defaults();
        dataFPrime = dataFPrime == null ? null : dataFPrime.clone();
    }

    /** The theory.md §9 defaults. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(IntegrationSpace.ALL, IntegrationSpace.CLAMPED), null, 0.0, 1.0, 1.0, 0.1, 0.1,
                Spectrum.DEFAULT_TAU, 4, BoxFreeEnergy.standard(), LearningDirection.ASCENT, 1.0, -10, 10, 80,
                Route.AUTO, LeftTail.AUTO, Method.AUTO, StochasticOptions.defaults());
    }

    public AnalysisOptions withSpaces(IntegrationSpace... s) {
        return new AnalysisOptions(List.of(s), dataFPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    /** f′ averaged over data fixed points (A2 (b)), one value per neuron; null returns to f′ at the bias. */
    public AnalysisOptions withDataFPrime(double[] fPrime) {
        return new AnalysisOptions(spaces, fPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withMass(double m) {
        return new AnalysisOptions(spaces, dataFPrime, m, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withBeta(double b) {
        return new AnalysisOptions(spaces, dataFPrime, mass, b, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withComplexity(double lc, double eps, double mC) {
        return new AnalysisOptions(spaces, dataFPrime, mass, beta, lc, eps, mC, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withEntropy(SingleModeFreeEnergy p, LearningDirection d, double g) {
        return new AnalysisOptions(spaces, dataFPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, p,
                d, g, histogramLo, histogramHi, histogramBins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withHistogram(double lo, double hi, int bins) {
        return new AnalysisOptions(spaces, dataFPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, lo, hi, bins, route, leftTail, method, stochastic);
    }

    public AnalysisOptions withRoute(Route r, LeftTail lt, Method m) {
        return new AnalysisOptions(spaces, dataFPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, r, lt, m, stochastic);
    }

    /** Settings of the stochastic route and of the AUTO route's exact-vs-stochastic budget. */
    public AnalysisOptions withStochastic(StochasticOptions s) {
        return new AnalysisOptions(spaces, dataFPrime, mass, beta, lambdaC, rankEpsilon, complexityMass, tau, maxMoment, phi,
                direction, gamma, histogramLo, histogramHi, histogramBins, route, leftTail, method, s);
    }
}
