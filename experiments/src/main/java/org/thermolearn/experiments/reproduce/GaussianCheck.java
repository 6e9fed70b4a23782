package org.thermolearn.experiments.reproduce;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

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

    private final Network net;
    private final NeuronLayout layout;
    private final int levels;
    private final int r;
    private final int[] off; // offset of level l (l ≥ 1) in x_R
    private final double[][] w; // w[l] = block l−1 → l, n_l × n_{l−1}
    private final double[][] b;
    private final Activation[] act;
    private final double[] z1; // constant pre-activation of level 1
    private final double[] xStar;
    private final DMatrixRMaj aInvFixed; // A*^{-1}
    private final DMatrixRMaj aInvBias;  // A_b^{-1}

    /**
     * @param net a layered feed-forward network (edges only between consecutive levels)
     * @param u   the clamped input, length n_in
     */
    public GaussianCheck(Network net, double[] u) {
        this.net = net;
        this.layout = net.layout();
        this.levels = layout.groupCount();
        if (u.length != layout.nIn()) throw new IllegalArgumentException("input has " + u.length + " values; the network has " + layout.nIn() + " inputs");
        w = new double[levels][];
        for (Block bl : net.weights().blocks()) {
            if (bl.to() != bl.from() + 1) throw new IllegalArgumentException("the Gaussian check needs a layered net; block " + bl.from() + "->" + bl.to() + " skips a level");
            w[bl.to()] = bl.w();
        }
        r = layout.r();
        off = new int[levels + 1];
        for (int l = 1; l <= levels; l++) off[l] = l == 1 ? 0 : off[l - 1] + layout.size(l - 1);
        b = new double[levels][];
        act = new Activation[levels];
        for (int l = 1; l < levels; l++) {
            b[l] = Arrays.copyOfRange(net.bias(), layout.offset(l), layout.offset(l) + layout.size(l));
            act[l] = net.activation(l);
            if (w[l] == null) w[l] = new double[layout.size(l) * layout.size(l - 1)];
        }
        z1 = new double[layout.size(1)];
        matVec(w[1], layout.size(1), layout.nIn(), u, 0, z1, 0);
        for (int i = 0; i < z1.length; i++) z1[i] += b[1][i];
        xStar = new double[r];
        double[] zs = new double[r];
        forward(xStar, zs, null, 0);
        double[] fpFixed = new double[r], fpBias = new double[r];
        for (int l = 1; l < levels; l++) {
            for (int i = 0; i < layout.size(l); i++) {
                fpFixed[off[l] + i] = act[l].df(zs[off[l] + i]);
                fpBias[off[l] + i] = act[l].df(b[l][i]);
            }
        }
        aInvFixed = inverseA(fpFixed);
        aInvBias = inverseA(fpBias);
    }

    public int r() { return r; }

    /** x_l = f(z_l) + noise_l; z and x over the R non-input neurons. noise may be null. */
    private void forward(double[] x, double[] z, double[] noise, double scale) {
        for (int l = 1; l < levels; l++) {
            int n = layout.size(l), o = off[l];
            if (l == 1) System.arraycopy(z1, 0, z, o, n);
            else {
                matVec(w[l], n, layout.size(l - 1), x, off[l - 1], z, o);
                for (int i = 0; i < n; i++) z[o + i] += b[l][i];
            }
            for (int i = 0; i < n; i++) x[o + i] = act[l].f(z[o + i]) + (noise == null ? 0 : scale * noise[o + i]);
        }
    }

    /** H(x) and, if grad ≠ null, ∂H/∂x over the R non-input neurons. */
    double energy(double[] x, double[] grad, double[] z, double[] e) {
        double h = 0;
        for (int l = 1; l < levels; l++) {
            int n = layout.size(l), o = off[l];
            if (l == 1) System.arraycopy(z1, 0, z, o, n);
            else {
                matVec(w[l], n, layout.size(l - 1), x, off[l - 1], z, o);
                for (int i = 0; i < n; i++) z[o + i] += b[l][i];
            }
            for (int i = 0; i < n; i++) {
                double d = x[o + i] - act[l].f(z[o + i]);
                e[o + i] = d;
                h += d * d;
            }
        }
        if (grad != null) {
            System.arraycopy(e, 0, grad, 0, r);
            for (int l = 2; l < levels; l++) {
                int n = layout.size(l), m = layout.size(l - 1), o = off[l], om = off[l - 1];
                double[] wl = w[l];
                for (int i = 0; i < n; i++) {
                    double g = act[l].df(z[o + i]) * e[o + i];
                    if (g == 0) continue;
                    int base = i * m;
                    for (int j = 0; j < m; j++) grad[om + j] -= g * wl[base + j];
                }
            }
        }
        return 0.5 * h;
    }

    /** A^{-1} for A = I_R − F′W_RR (unit block lower triangular). */
    private DMatrixRMaj inverseA(double[] fp) {
        DMatrixRMaj a = CommonOps_DDRM.identity(r);
        for (int l = 2; l < levels; l++) {
            int n = layout.size(l), m = layout.size(l - 1);
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a.set(off[l] + i, off[l - 1] + j, -fp[off[l] + i] * w[l][i * m + j]);
        }
        DMatrixRMaj inv = new DMatrixRMaj(r, r);
        if (!CommonOps_DDRM.invert(a, inv)) throw new IllegalStateException("A = I − F′W is singular; cannot happen for a feed-forward net");
        return inv;
    }

    private static void matVec(double[] m, int rows, int cols, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int base = i * cols;
            for (int j = 0; j < cols; j++) s += m[base + j] * x[xo + j];
            y[yo + i] = s;
        }
    }

    /** Runs the comparison; progress lines go to {@code log}. */
    public Result run(Scale.McmcSettings s, long seed, String source, String inputs, Consumer<String> log) {
        long t0 = System.nanoTime();
        double[] gInvFixed = lnEigenSorted(gramOf(aInvFixed, 1.0));
        double[] gInvBias = lnEigenSorted(gramOf(aInvBias, 1.0));
        DMatrixRMaj gInvFixedM = gramOf(aInvFixed, 1.0), gInvBiasM = gramOf(aInvBias, 1.0);
        List<BetaPoint> pts = new ArrayList<>();
        double[] betas = s.betas().clone();
        Arrays.sort(betas);
        double[] uH = new double[betas.length];
        for (int k = 0; k < betas.length; k++) {
            long tb = System.nanoTime();
            double beta = betas[k];
            SplittableRandom rng = new SplittableRandom(seed * 7919 + k);
            // exact reference: the noisy forward pass
            Moments exact = new Moments(r), half1 = new Moments(r), half2 = new Moments(r);
            double[] x = new double[r], z = new double[r], xi = new double[r];
            double uEx = 0;
            for (int n = 0; n < s.ancestral(); n++) {
                for (int i = 0; i < r; i++) xi[i] = rng.nextGaussian() ;
                forward(x, z, xi, 1 / Math.sqrt(beta));
                exact.add(x);
                (n % 2 == 0 ? half1 : half2).add(x);
                double hh = 0;
                for (int i = 0; i < r; i++) hh += xi[i] * xi[i];
                uEx += 0.5 * hh / beta;
            }
            uEx /= s.ancestral();
            Hmc h = hmc(beta, s, rng, log);
            uH[k] = h.meanH;
            DMatrixRMaj cEx = exact.cov(beta), cH = h.moments.cov(beta);
            double eFix = relErr(cEx, gInvFixedM), eBias = relErr(cEx, gInvBiasM), eHmc = relErr(cH, cEx);
            double noise = relErr(half1.cov(beta), half2.cov(beta)) / 2; // each half has twice the variance of the full estimate
            double[] lnEx = lnEigenSorted(cEx), lnH = lnEigenSorted(cH);
            double rms = 0, ld = 0;
            for (int i = 0; i < r; i++) {
                rms += (lnEx[i] - gInvFixed[i]) * (lnEx[i] - gInvFixed[i]);
                ld += lnEx[i];
            }
            double uG = r / (2 * beta);
            double sG = 0.5 * r * Math.log(2 * Math.PI * Math.E / beta);
            pts.add(new BetaPoint(beta, uG, h.meanH, h.mcse, uEx, sG, Double.NaN, h.acceptance, h.step, h.essH, h.rHat,
                    eFix, eBias, eHmc, noise, Math.sqrt(rms / r), 0.5 * ld, lnEx, lnH, (System.nanoTime() - tb) * 1e-9));
            log.accept(String.format(java.util.Locale.ROOT,
                    "gaussian check β = %g: U_HMC = %.5g ± %.2g (Gauss %.5g), acc %.2f, ESS(H) %.0f, R̂ %.3f, cov err vs Gauss(x*) %.3f (noise %.3f)",
                    beta, h.meanH, h.mcse, uG, h.acceptance, h.essH, h.rHat, eFix, noise));
        }
        // thermodynamic integration from the largest β down, anchored at the Gaussian ln Z there
        int top = betas.length - 1;
        double lnZ = 0.5 * r * Math.log(2 * Math.PI / betas[top]);
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
        return new Result(layout.toString(), source, r, inputs, s.chains(), s.warmup(), s.samples(), s.leapfrog(), s.ancestral(), tol,
                gInvFixed, gInvBias, out, breakdown, agree, (System.nanoTime() - t0) * 1e-9);
    }

    /** Relative Frobenius error at which the covariance counts as "agreeing" (raised to 3× the sampling noise if larger). */
    public static final double TOLERANCE = 0.1;

    private static final class Hmc {
        Moments moments;
        double meanH, mcse, acceptance, step, essH, rHat;
    }

    private Hmc hmc(double beta, Scale.McmcSettings s, SplittableRandom rng, Consumer<String> log) {
        int nc = s.chains();
        double sq = Math.sqrt(beta);
        double[][] hTrace = new double[nc][s.samples()];
        int nTrack = Math.min(5, r);
        double[][][] cTrace = new double[nTrack][nc][s.samples()];
        Moments mom = new Moments(r);
        long accepted = 0, proposals = 0;
        double stepSum = 0;
        double[] x = new double[r], z = new double[r], e = new double[r], gx = new double[r];
        for (int c = 0; c < nc; c++) {
            double[] eta = new double[r];
            for (int i = 0; i < r; i++) eta[i] = 2 * rng.nextGaussian();
            double logEps = Math.log(1.0 / Math.pow(r, 0.25));
            double[] grad = new double[r];
            double u = potential(eta, beta, sq, x, z, e, gx, grad);
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
                    uNew = potential(etaNew, beta, sq, x, z, e, gx, gradNew);
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
        Hmc h = new Hmc();
        h.moments = mom;
        double sum = 0;
        for (double[] t : hTrace) for (double v : t) sum += v;
        h.meanH = sum / ((double) nc * s.samples());
        h.essH = Diagnostics.ess(hTrace);
        double var = 0;
        for (double[] t : hTrace) for (double v : t) var += (v - h.meanH) * (v - h.meanH);
        var /= (double) nc * s.samples() - 1;
        h.mcse = Math.sqrt(var / Math.max(1, h.essH));
        h.acceptance = proposals == 0 ? Double.NaN : (double) accepted / proposals;
        h.step = proposals == 0 ? Double.NaN : stepSum / proposals;
        double rh = Diagnostics.splitRHat(hTrace);
        for (double[][] ct : cTrace) rh = Math.max(rh, Diagnostics.splitRHat(ct));
        h.rHat = rh;
        return h;
    }

    /** x = x* + A*^{-1} η / √β. */
    private void toX(double[] eta, double sq, double[] x) {
        double[] a = aInvFixed.data;
        for (int i = 0; i < r; i++) {
            double s = 0;
            int base = i * r;
            for (int j = 0; j <= i; j++) s += a[base + j] * eta[j]; // A^{-1} is lower triangular
            x[i] = xStar[i] + s / sq;
        }
    }

    /** βH(x(η)) and its η-gradient √β A^{-T} ∇_x H. */
    private double potential(double[] eta, double beta, double sq, double[] x, double[] z, double[] e, double[] gx, double[] grad) {
        toX(eta, sq, x);
        double h = energy(x, gx, z, e);
        double[] a = aInvFixed.data;
        Arrays.fill(grad, 0);
        for (int i = 0; i < r; i++) {
            double g = gx[i];
            if (g == 0) continue;
            int base = i * r;
            for (int j = 0; j <= i; j++) grad[j] += a[base + j] * g;
        }
        for (int j = 0; j < r; j++) grad[j] *= sq;
        return beta * h;
    }

    /** c · A Aᵀ. */
    private static DMatrixRMaj gramOf(DMatrixRMaj a, double c) {
        DMatrixRMaj g = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.multTransB(c, a, a, g);
        return g;
    }

    private static double relErr(DMatrixRMaj a, DMatrixRMaj ref) {
        double num = 0, den = 0;
        for (int i = 0; i < a.data.length; i++) {
            double d = a.data[i] - ref.data[i];
            num += d * d;
            den += ref.data[i] * ref.data[i];
        }
        return Math.sqrt(num / den);
    }

    /** ln of the eigenvalues of a symmetric matrix, ascending (non-positive eigenvalues give NaN). */
    static double[] lnEigenSorted(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false, true);
        if (!eig.decompose(m.copy())) throw new IllegalStateException("eigen-decomposition failed");
        double[] v = new double[m.numRows];
        for (int i = 0; i < v.length; i++) v[i] = Math.log(eig.getEigenvalue(i).getReal());
        Arrays.sort(v);
        return v;
    }

    /** Running first and second moments of R-vectors. */
    static final class Moments {
        final int n;
        final double[] sum;
        final double[] outer;
        long count;

        Moments(int n) {
            this.n = n;
            sum = new double[n];
            outer = new double[n * n];
        }

        void add(double[] x) {
            count++;
            for (int i = 0; i < n; i++) {
                sum[i] += x[i];
                double xi = x[i];
                int base = i * n;
                for (int j = 0; j <= i; j++) outer[base + j] += xi * x[j];
            }
        }

        /** β · covariance. */
        DMatrixRMaj cov(double beta) {
            DMatrixRMaj c = new DMatrixRMaj(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = (outer[i * n + j] - sum[i] * sum[j] / count) / (count - 1) * beta;
                    c.set(i, j, v);
                    c.set(j, i, v);
                }
            }
            return c;
        }
    }

    /** MCMC diagnostics over chains (rows = chains). */
    static final class Diagnostics {
        private Diagnostics() { }

        /** Effective sample size of the pooled draws: M·N / τ, τ = 1 + 2 Σ ρ_t with Geyer's initial positive sequence. */
        static double ess(double[][] chains) {
            int m = chains.length, n = chains[0].length;
            if (n < 4) return m * n;
            double[] rho = new double[n];
            int maxLag = Math.min(n - 1, 2000);
            for (double[] c : chains) {
                double mean = 0;
                for (double v : c) mean += v;
                mean /= n;
                double v0 = 0;
                for (double v : c) v0 += (v - mean) * (v - mean);
                if (v0 == 0) continue;
                for (int t = 0; t <= maxLag; t++) {
                    double s = 0;
                    for (int i = 0; i + t < n; i++) s += (c[i] - mean) * (c[i + t] - mean);
                    rho[t] += s / v0 / m;
                }
            }
            double tau = -1;
            for (int t = 0; t + 1 < n; t += 2) {
                double pair = rho[t] + rho[t + 1];
                if (pair <= 0) break;
                tau += 2 * pair;
            }
            tau = Math.max(tau, 1.0 / Math.log10(Math.max(10, m * n)));
            return m * n / tau;
        }

        /** Split-R̂ (Gelman et al., each chain split in halves). */
        static double splitRHat(double[][] chains) {
            int half = chains[0].length / 2;
            if (half < 2) return Double.NaN;
            List<double[]> parts = new ArrayList<>();
            for (double[] c : chains) {
                parts.add(Arrays.copyOfRange(c, 0, half));
                parts.add(Arrays.copyOfRange(c, half, 2 * half));
            }
            int m = parts.size();
            double[] means = new double[m];
            double w = 0, grand = 0;
            for (int k = 0; k < m; k++) {
                double[] p = parts.get(k);
                double s = 0;
                for (double v : p) s += v;
                means[k] = s / half;
                grand += means[k] / m;
                double ss = 0;
                for (double v : p) ss += (v - means[k]) * (v - means[k]);
                w += ss / (half - 1) / m;
            }
            double bOverN = 0;
            for (double mu : means) bOverN += (mu - grand) * (mu - grand);
            bOverN /= (m - 1);
            if (w == 0) return 1.0;
            double varPlus = (half - 1.0) / half * w + bOverN;
            return Math.sqrt(varPlus / w);
        }
    }
}
