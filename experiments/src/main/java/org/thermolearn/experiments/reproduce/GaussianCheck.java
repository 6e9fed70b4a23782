package org.thermolearn.experiments.reproduce;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.sampling.ClampedEnsemble;
import org.thermolearn.thermo.sampling.Hmc;
import org.thermolearn.thermo.sampling.SampleCovariance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Is the Gaussian approximation (S12–S16) any good? Samples the canonical ensemble p(x) ∝ e^{−βH(x)} (S7) of
 * the full, non-quadratic loss and compares it with the Gaussian formulas.
 *
 * <p><b>Ensemble.</b> Inputs clamped at a data sample u (A1 reading (b), the clamped space); the R = N − n_in
 * non-input neurons x = (x_1, …, x_{L−1}) (hidden and output levels) are integrated over R^R with the loss (S6)
 * with V = 0, restricted to non-input neurons (A11):
 * <pre>  H(x) = ½ Σ_{l=1}^{L−1} |x_l − f(W_l x_{l−1} + b_l)|²,   x_0 = u.</pre>
 * Its Gaussian counterpart is the clamped-space operator Ĝ_R = A_Rᵀ A_R, A_R = I_R − F′ W_RR, N_G = R, with E₀ = 0,
 * so U_G = R/(2β) (S14), S_G = (R/2) ln(2πe/β) − ½ ln det Ĝ_R (S16) and covariance (βĜ_R)^{-1}. The matching
 * expansion point is the minimum of H, the fixed point x* (forward pass from u, where H = 0 and the Hessian is
 * exactly A*ᵀA* with F′ = f′(z*)); the toolkit default (A2a, F′ = f′(b), expansion around x = 0) is compared too.
 *
 * <p><b>An exact result [DER].</b> For a layered feed-forward net the integral factorises level by level from the
 * output down: ∫ dx_l e^{−β|x_l − f(z_l)|²/2} = (2π/β)^{n_l/2} whatever x_{l−1} is. Hence Z = (2π/β)^{R/2},
 * U = R/(2β) and S = (R/2) ln(2πe/β) exactly, at every β — the Gaussian thermodynamics (with det Ĝ_R = 1, S20) is
 * exact; only the shape of p(x) (its covariance) can differ. The same factorisation gives an exact sampler
 * (the noisy forward pass x_l = f(W_l x_{l−1} + b_l) + ξ_l/√β), used here as the reference; HMC is the independent
 * check that would also work without the factorisation.
 *
 * <p>The ensemble, its energy and the exact sampler are {@link ClampedEnsemble}, the HMC sampler and its diagnostics
 * {@link Hmc} (package {@code org.thermolearn.thermo.sampling}); the Gaussian formulas are {@link GaussianEnsemble}
 * with N_G = R, ln det Ĝ_R = 0 and E₀ = 0. This class runs the comparison over a β grid and reports it.
 *
 * <p><b>Sampler.</b> HMC in whitened coordinates x = x* + A*^{-1} η/√β (the Gaussian at x* becomes N(0, I)), with
 * the leapfrog step size adapted during warm-up to an acceptance rate of 0.75 and jittered ±10 % afterwards;
 * chains start over-dispersed (η ~ N(0, 4I)). Diagnostics: acceptance rate, effective sample size of H (Geyer's
 * initial positive sequence over the averaged chain autocorrelation), split-R̂ of H and of five coordinates.
 * U(β) from HMC, S(β) by thermodynamic integration ln Z(β) = ln Z(β_max) + ∫_β^{β_max} U dβ′ (trapezoid in ln β,
 * anchored at the largest β with the Gaussian ln Z), S = βU + ln Z.
 */
public final class GaussianCheck {

    /** One β of the comparison. */
    public record BetaPoint(double beta, double uGauss, double uHmc, double uHmcError, double uExact,
                            double sGauss, double sTi, double acceptance, double stepSize, double essH, double rHatMax,
                            double covErrExactVsGaussFixedPoint, double covErrExactVsGaussBias, double covErrHmcVsExact,
                            double covErrNoise, double lnSpectrumRmsFixedPoint, double halfLnDetBetaCov,
                            double[] lnCovEigenExact, double[] lnCovEigenHmc, double seconds) { }

    /** The whole comparison. */
    public record Result(String network, String source, int r, String inputs, int chains, int warmup, int samples, int leapfrog,
                         int ancestral, double tolerance, double[] lnCovEigenGaussFixedPoint, double[] lnCovEigenGaussBias,
                         List<BetaPoint> points, double betaBreakdown, double betaAgree, double seconds) { }

    /** Relative Frobenius error at which the covariance counts as "agreeing" (raised to 3× the sampling noise if larger). */
    public static final double TOLERANCE = 0.1;

    private final ClampedEnsemble ensemble;
    private final Linalg la;
    private final int r;

    /**
     * @param net a feed-forward network
     * @param u   the clamped input, length n_in
     */
    public GaussianCheck(Network net, double[] u, Linalg la) {
        this.ensemble = new ClampedEnsemble(net, u, la);
        this.la = la;
        this.r = ensemble.r();
    }

    /** The check on the pure-Java backend. */
    public GaussianCheck(Network net, double[] u) { this(net, u, Linalg.select("java")); }

    public int r() { return r; }

    /** Runs the comparison; progress lines go to {@code log}. */
    public Result run(Scale.McmcSettings s, long seed, String source, String inputs, Consumer<String> log) {
        long t0 = System.nanoTime();
        double[] gInvFixedM = gram(ClampedEnsemble.inverseA(ensemble.operatorAtFixedPoint()));
        double[] gInvBiasM = gram(ClampedEnsemble.inverseA(ensemble.operatorAtBias()));
        double[] gInvFixed = lnEigenSorted(gInvFixedM), gInvBias = lnEigenSorted(gInvBiasM);
        Hmc hmc = new Hmc(ensemble);
        Hmc.Settings hs = new Hmc.Settings(s.chains(), s.warmup(), s.samples(), s.leapfrog());
        List<BetaPoint> pts = new ArrayList<>();
        double[] betas = s.betas().clone();
        Arrays.sort(betas);
        double[] uH = new double[betas.length];
        for (int k = 0; k < betas.length; k++) {
            long tb = System.nanoTime();
            double beta = betas[k];
            SplittableRandom rng = new SplittableRandom(seed * 7919 + k);
            // exact reference: the noisy forward pass
            SampleCovariance exact = new SampleCovariance(r), half1 = new SampleCovariance(r), half2 = new SampleCovariance(r);
            double[] x = new double[r], xi = new double[r];
            double uEx = 0;
            for (int n = 0; n < s.ancestral(); n++) {
                for (int i = 0; i < r; i++) xi[i] = rng.nextGaussian();
                uEx += ensemble.noisyForward(xi, 1 / Math.sqrt(beta), x);
                exact.add(x);
                (n % 2 == 0 ? half1 : half2).add(x);
            }
            uEx /= s.ancestral();
            Hmc.Result h = hmc.sample(beta, hs, rng);
            uH[k] = h.meanH();
            double[] cEx = exact.scaledCovariance(beta), cH = h.moments().scaledCovariance(beta);
            double eFix = relErr(cEx, gInvFixedM), eBias = relErr(cEx, gInvBiasM), eHmc = relErr(cH, cEx);
            double noise = relErr(half1.scaledCovariance(beta), half2.scaledCovariance(beta)) / 2; // each half has twice the variance of the full estimate
            double[] lnEx = lnEigenSorted(cEx), lnH = lnEigenSorted(cH);
            double rms = 0, ld = 0;
            for (int i = 0; i < r; i++) {
                rms += (lnEx[i] - gInvFixed[i]) * (lnEx[i] - gInvFixed[i]);
                ld += lnEx[i];
            }
            GaussianEnsemble g = GaussianEnsemble.of(r, 0, 0, beta); // det Ĝ_R = 1 (S20), E₀ = 0
            pts.add(new BetaPoint(beta, g.u(), h.meanH(), h.mcse(), uEx, g.s(), Double.NaN, h.acceptance(), h.stepSize(), h.essH(), h.rHatMax(),
                    eFix, eBias, eHmc, noise, Math.sqrt(rms / r), 0.5 * ld, lnEx, lnH, (System.nanoTime() - tb) * 1e-9));
            log.accept(String.format(java.util.Locale.ROOT,
                    "gaussian check β = %g: U_HMC = %.5g ± %.2g (Gauss %.5g), acc %.2f, ESS(H) %.0f, R̂ %.3f, cov err vs Gauss(x*) %.3f (noise %.3f)",
                    beta, h.meanH(), h.mcse(), g.u(), h.acceptance(), h.essH(), h.rHatMax(), eFix, noise));
        }
        // thermodynamic integration from the largest β down, anchored at the Gaussian ln Z (S13) there
        int top = betas.length - 1;
        double lnZ = GaussianEnsemble.of(r, 0, 0, betas[top]).lnZ();
        double[] sTi = new double[betas.length];
        sTi[top] = betas[top] * uH[top] + lnZ;
        for (int k = top - 1; k >= 0; k--) {
            double dl = Math.log(betas[k + 1]) - Math.log(betas[k]);
            lnZ += 0.5 * (betas[k] * uH[k] + betas[k + 1] * uH[k + 1]) * dl;
            sTi[k] = betas[k] * uH[k] + lnZ;
        }
        List<BetaPoint> out = new ArrayList<>();
        for (int k = 0; k < pts.size(); k++) {
            BetaPoint p = pts.get(k);
            out.add(new BetaPoint(p.beta(), p.uGauss(), p.uHmc(), p.uHmcError(), p.uExact(), p.sGauss(), sTi[k], p.acceptance(), p.stepSize(),
                    p.essH(), p.rHatMax(), p.covErrExactVsGaussFixedPoint(), p.covErrExactVsGaussBias(), p.covErrHmcVsExact(), p.covErrNoise(),
                    p.lnSpectrumRmsFixedPoint(), p.halfLnDetBetaCov(), p.lnCovEigenExact(), p.lnCovEigenHmc(), p.seconds()));
        }
        double tol = TOLERANCE;
        for (BetaPoint p : out) tol = Math.max(tol, 3 * p.covErrNoise());
        double agree = Double.NaN, breakdown = Double.NaN;
        for (int k = out.size() - 1; k >= 0; k--) {
            if (out.get(k).covErrExactVsGaussFixedPoint() <= tol) agree = out.get(k).beta();
            else { breakdown = out.get(k).beta(); break; }
        }
        return new Result(ensemble.network().layout().toString(), source, r, inputs, s.chains(), s.warmup(), s.samples(), s.leapfrog(), s.ancestral(), tol,
                gInvFixed, gInvBias, out, breakdown, agree, (System.nanoTime() - t0) * 1e-9);
    }

    /** A Aᵀ (the Gaussian covariance times β, (Ĝ_R)⁻¹ = A⁻¹A⁻ᵀ, given A⁻¹). */
    private double[] gram(double[] aInv) {
        double[] g = new double[r * r];
        la.gemm(false, true, r, r, r, 1.0, aInv, aInv, 0.0, g);
        return g;
    }

    private static double relErr(double[] a, double[] ref) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }

    /** ln of the eigenvalues of a symmetric R × R matrix, ascending (non-positive eigenvalues give NaN). */
    private double[] lnEigenSorted(double[] m) {
        double[] v = la.symmetricEigenvalues(r, m);
        for (int i = 0; i < v.length; i++) v[i] = Math.log(v[i]);
        Arrays.sort(v);
        return v;
    }
}
