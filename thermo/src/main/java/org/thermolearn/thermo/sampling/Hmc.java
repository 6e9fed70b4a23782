package org.thermolearn.thermo.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hamiltonian Monte Carlo for the {@link ClampedEnsemble} at inverse temperature β, in whitened coordinates
 * x = x* + A*⁻¹ η/√β (the Gaussian at the fixed point, covariance (βĜ_R(x*))⁻¹, becomes N(0, I)). The leapfrog step
 * size is adapted during warm-up to an acceptance rate of 0.75 and jittered ±10 % afterwards; chains start
 * over-dispersed (η ~ N(0, 4I)). Diagnostics: acceptance rate, effective sample size of H and split-R̂ of H and
 * of five coordinates ({@link McmcDiagnostics}).
 */
public final class Hmc {

    /** Chains, warm-up and kept iterations per chain, leapfrog steps per iteration. */
    public record Settings(int chains, int warmup, int samples, int leapfrog) {
        public Settings {
            if (chains < 2 || samples < 4 || warmup < 0 || leapfrog < 1) {
                throw new IllegalArgumentException("HMC needs >= 2 chains, >= 4 samples, warmup >= 0 and >= 1 leapfrog step; got " + this);
            }
        }
    }

    /** The draws' moments, ⟨H⟩ with its Monte Carlo standard error, and the diagnostics. */
    public record Result(SampleCovariance moments, double meanH, double mcse, double acceptance, double stepSize, double essH, double rHatMax) { }

    private final ClampedEnsemble ensemble;
    private final int r;
    private final double[] xStar;
    private final double[] aInv; // A*⁻¹, unit lower triangular, row-major

    public Hmc(ClampedEnsemble ensemble) {
        this.ensemble = ensemble;
        this.r = ensemble.r();
        this.xStar = ensemble.fixedPoint();
        this.aInv = ClampedEnsemble.inverseA(ensemble.operatorAtFixedPoint());
    }

    /** Samples p(x) ∝ e^{−βH(x)} with randomness only from {@code rng}. */
    public Result sample(double beta, Settings s, SplittableRandom rng) {
        int nc = s.chains();
        double sq = Math.sqrt(beta);
        double[][] hTrace = new double[nc][s.samples()];
        int nTrack = Math.min(5, r);
        double[][][] cTrace = new double[nTrack][nc][s.samples()];
        SampleCovariance mom = new SampleCovariance(r);
        long accepted = 0, proposals = 0;
        double stepSum = 0;
        double[] x = new double[r], gx = new double[r];
        for (int c = 0; c < nc; c++) {
            double[] eta = new double[r];
            for (int i = 0; i < r; i++) eta[i] = 2 * rng.nextGaussian();
            double logEps = Math.log(1.0 / Math.pow(r, 0.25));
            double[] grad = new double[r];
            double u = potential(eta, beta, sq, x, gx, grad);
            double avgLogEps = 0;
            int avgN = 0;
            double[] p = new double[r], etaNew = new double[r], gradNew = new double[r];
            for (int it = 0; it < s.warmup() + s.samples(); it++) {
                boolean warm = it < s.warmup();
                double eps = Math.exp(logEps) * (warm ? 1 : 0.9 + 0.2 * rng.nextDouble());
                for (int i = 0; i < r; i++) p[i] = rng.nextGaussian();
                double k0 = 0;
                for (int i = 0; i < r; i++) k0 += p[i] * p[i];
                System.arraycopy(eta, 0, etaNew, 0, r);
                System.arraycopy(grad, 0, gradNew, 0, r);
                double uNew = u;
                for (int l = 0; l < s.leapfrog(); l++) {
                    for (int i = 0; i < r; i++) p[i] -= 0.5 * eps * gradNew[i];
                    for (int i = 0; i < r; i++) etaNew[i] += eps * p[i];
                    uNew = potential(etaNew, beta, sq, x, gx, gradNew);
                    for (int i = 0; i < r; i++) p[i] -= 0.5 * eps * gradNew[i];
                }
                double k1 = 0;
                for (int i = 0; i < r; i++) k1 += p[i] * p[i];
                double logA = -(uNew + 0.5 * k1) + (u + 0.5 * k0);
                double a = Double.isFinite(logA) ? Math.min(1, Math.exp(logA)) : 0;
                if (rng.nextDouble() < a) {
                    System.arraycopy(etaNew, 0, eta, 0, r);
                    System.arraycopy(gradNew, 0, grad, 0, r);
                    u = uNew;
                    if (!warm) accepted++;
                }
                if (warm) {
                    logEps += (a - 0.75) * 1.5 / Math.sqrt(it + 10);
                    if (it >= s.warmup() / 2) { avgLogEps += logEps; avgN++; }
                    if (it == s.warmup() - 1 && avgN > 0) logEps = avgLogEps / avgN;
                } else {
                    proposals++;
                    stepSum += eps;
                    toX(eta, sq, x);
                    mom.add(x);
                    int t = it - s.warmup();
                    hTrace[c][t] = u / beta;
                    for (int k = 0; k < nTrack; k++) cTrace[k][c][t] = x[k * (r / nTrack)];
                }
            }
        }
        double sum = 0;
        for (double[] t : hTrace) for (double v : t) sum += v;
        double meanH = sum / ((double) nc * s.samples());
        double essH = McmcDiagnostics.ess(hTrace);
        double var = 0;
        for (double[] t : hTrace) for (double v : t) var += (v - meanH) * (v - meanH);
        var /= (double) nc * s.samples() - 1;
        double rh = McmcDiagnostics.splitRHat(hTrace);
        for (double[][] ct : cTrace) rh = Math.max(rh, McmcDiagnostics.splitRHat(ct));
        return new Result(mom, meanH, Math.sqrt(var / Math.max(1, essH)), proposals == 0 ? Double.NaN : (double) accepted / proposals,
                proposals == 0 ? Double.NaN : stepSum / proposals, essH, rh);
    }

    /** x = x* + A*⁻¹ η / √β. */
    private void toX(double[] eta, double sq, double[] x) {
        for (int i = 0; i < r; i++) {
            double s = 0;
            int base = i * r;
            for (int j = 0; j <= i; j++) s += aInv[base + j] * eta[j]; // A⁻¹ is lower triangular
            x[i] = xStar[i] + s / sq;
        }
    }

    /** βH(x(η)) and its η-gradient √β A⁻ᵀ ∇_x H. */
    private double potential(double[] eta, double beta, double sq, double[] x, double[] gx, double[] grad) {
        toX(eta, sq, x);
        double h = ensemble.energy(x, gx);
        Arrays.fill(grad, 0);
        for (int i = 0; i < r; i++) {
            double g = gx[i];
            if (g == 0) continue;
            int base = i * r;
            for (int j = 0; j <= i; j++) grad[j] += aInv[base + j] * g;
        }
        for (int j = 0; j < r; j++) grad[j] *= sq;
        return beta * h;
    }
}
