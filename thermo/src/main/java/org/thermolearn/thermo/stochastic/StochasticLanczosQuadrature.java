package org.thermolearn.thermo.stochastic;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.spectrum.BlockIdentities;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stochastic Lanczos quadrature (Ubaru, Chen &amp; Saad, SIAM J. Matrix Anal. Appl. 38, 2017) for the spectrum
 * of Ĝ (S11), matrix-free through {@link CompressedOperator}. For each Rademacher probe z ∈ {±1}^{n_c}:
 * <ol>
 *   <li>k Lanczos steps on Ĝ_c = A_cᵀA_c from z (their Gauss rule resolves the large end of ln λ) and k steps on
 *       Ĝ_c⁻¹ = A_c⁻¹A_c⁻ᵀ (finite Neumann inverse, §8 item 6) from the same z (the small end) — the same reason the
 *       exact route takes the left tail from A_c⁻¹;</li>
 *   <li>the two Krylov spaces together span the extended Krylov space span{Ĝ_c^{−k}z, …, Ĝ_c^{k−1}z}; the Rayleigh–Ritz
 *       quadrature on it ({@link ExtendedKrylovQuadrature}, no further operator application) gives the probe's
 *       nodes κ_j and weights, exact for Laurent moments of both signs and resolving the middle of ln λ as well;</li>
 *   <li>zᵀĜ_c z = n_c α₁ and zᵀĜ_c⁻¹z = n_c α₁⁽⁻¹⁾ (the first Lanczos coefficients) are computed exactly; their means are the exact
 *       block-product traces tr Ĝ_c = tr AᵀA − (N_G − n_c) and tr Ĝ_c⁻¹ = ‖A⁻¹‖_F² − (N_G − n_c) (P13),
 *       and the probe's quadrature of Σ ln κ has mean 0 (S20): three control variates.</li>
 * </ol>
 * Every trace functional Σ f(λ) is the control-variate-adjusted probe mean of the quadratures; γ (a ratio of such
 * means) is jackknife bias-corrected; the standard errors are jackknife errors over probes. Probes are added in
 * blocks until the relative standard errors of C_&gt;(λ_c) and μ₂ reach the target or the probe limit is hit.
 */
public final class StochasticLanczosQuadrature {

    private final Linalg la;
    private final StochasticOptions options;

    public StochasticLanczosQuadrature(Linalg la, StochasticOptions options) {
        if (la == null) throw new IllegalArgumentException("linear-algebra backend is null; use Linalg.select(\"auto\")");
        this.la = la;
        this.options = options == null ? StochasticOptions.defaults() : options;
    }

    /** One probe's spectral measure (kinetic κ and weights) and its exact control values. */
    private record Probe(double[] kappa, double[] weight, double zGz, double zGinvZ, double maxRitz, double maxRes,
                         double maxRitzInv, double maxResInv) { }

    /**
     * Estimates the spectrum of Ĝ in the operator's space.
     *
     * @param op         the operator (feed-forward ŵ; mass included)
     * @param identities exact block-product traces of this space (may be null: fewer control variates)
     * @param o          analysis options (λ_c, ε, m_C, β, φ, moments, histogram range)
     */
    public StochasticSpectrum estimate(GOperator op, BlockIdentities identities, AnalysisOptions o) {
        long t0 = System.nanoTime();
        CompressedOperator a = CompressedOperator.of(op, la);
        int nc = a.dimension();
        int nG = op.nG();
        int nTriv = nG - nc;
        double m = op.mass();
        if (nc == 0) throw new IllegalArgumentException("the " + op.space().label() + " space of " + op.layout() + " has no non-trivial eigenvalue to estimate");
        int steps = Math.min(options.steps(), nc);
        // one independent stream per space: the seed's generator hands out the streams' seeds (SplittableRandom seeds
        // that differ by its increment give shifted copies of one sequence, so seeds are never used directly)
        SplittableRandom seeds = new SplittableRandom(options.seed());
        long streamSeed = seeds.nextLong();
        for (int i = 0; i < op.space().ordinal(); i++) streamSeed = seeds.nextLong();
        SplittableRandom rng = new SplittableRandom(streamSeed);
        List<Probe> probes = new ArrayList<>();
        double[] known = null;
        int nControls;
        if (identities != null) {
            known = new double[]{identities.traceG() - nTriv, identities.fro2Inverse() - nTriv, 0.0};
            nControls = 3;
        } else {
            known = new double[]{0.0};
            nControls = 1;
        }
        Functionals fn = new Functionals(o, m);
        Result res = null;
        ExecutorService pool = options.threads() >= 2 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slq-inverse");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            while (probes.size() < options.maxProbes()) {
                int b = Math.min(options.blockSize(), options.maxProbes() - probes.size());
                double[][] z = a.zeros(b);
                for (double[] zg : z) for (int i = 0; i < zg.length; i++) zg[i] = rng.nextBoolean() ? 1.0 : -1.0;
                // the two runs are independent: on two threads they go side by side (same numbers either way)
                Future<BlockLanczos.Run> inverse = pool == null ? null
                        : pool.submit(() -> BlockLanczos.run(a::applyGInverse, z, b, steps));
                BlockLanczos.Run runG = BlockLanczos.run(a::applyG, z, b, steps);
                BlockLanczos.Run runI = inverse == null ? BlockLanczos.run(a::applyGInverse, z, b, steps) : join(inverse);
                double[][][] cross = crossGram(runG, runI, b, pool);
                // zᵀĜ_c z = n_c α₁ (q₁ = z/√n_c): the first Lanczos step already applied Ĝ_c to z, and likewise Ĝ_c⁻¹
                for (int c = 0; c < b; c++) {
                    var rg = runG.recurrences().get(c);
                    var ri = runI.recurrences().get(c);
                    probes.add(probe(rg, ri, cross[c], nc, nc * rg.alpha()[0], nc * ri.alpha()[0]));
                }
                if (probes.size() >= options.minProbes()) {
                    res = combine(probes, fn, known, nControls, nG, nTriv, m);
                    if (res.relSe(fn.cGtIndex()) <= options.targetRelativeSe() && res.relSe(fn.mu2Index()) <= options.targetRelativeSe()) break;
                }
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        if (res == null) res = combine(probes, fn, known, nControls, nG, nTriv, m);

        // extremes: the largest Ritz values of Ĝ_c and of Ĝ_c⁻¹ over all probes
        Probe hi = probes.get(0), lo = probes.get(0);
        for (Probe p : probes) {
            if (p.maxRitz > hi.maxRitz) hi = p;
            if (p.maxRitzInv > lo.maxRitzInv) lo = p;
        }
        double kMax = hi.maxRitz, kMin = 1 / lo.maxRitzInv;
        // residual bounds in ln λ units, floored at 1e-12 for the rounding of the recurrences themselves
        Estimate lnMax = new Estimate(Math.log(kMax + m), Math.max(1e-12, hi.maxRes / (kMax + m)));
        Estimate lnMin = new Estimate(Math.log(kMin + m), Math.max(1e-12, (lo.maxResInv / lo.maxRitzInv) * kMin / (kMin + m)));

        // the pooled quadrature measure (weights / probes, sum ≈ n_c)
        int total = 0;
        for (Probe p : probes) total += p.kappa.length;
        double[] nodes = new double[total], weights = new double[total];
        int at = 0;
        for (Probe p : probes) {
            for (int j = 0; j < p.kappa.length; j++) {
                nodes[at] = Math.log(p.kappa[j] + m);
                weights[at++] = p.weight[j] / probes.size();
            }
        }
        return fn.toSpectrum(op, nG, nc, nTriv, probes.size(), steps, res, lnMin, lnMax, nodes, weights, identities, nControls,
                (System.nanoTime() - t0) * 1e-9);
    }

    /** The probe's extended-Krylov quadrature ({@link ExtendedKrylovQuadrature}) and its exact control values. */
    private static Probe probe(BlockLanczos.Recurrence g, BlockLanczos.Recurrence inv, double[][] cross, int nc, double zgz, double zgiz) {
        double[][] q = ExtendedKrylovQuadrature.of(g, inv, cross, nc);
        Tridiagonal tg = g.gauss(), ti = inv.gauss();
        int lg = tg.nodes().length - 1, li = ti.nodes().length - 1;
        return new Probe(q[0], q[1], zgz, zgiz, tg.nodes()[lg], g.residual() * tg.last()[lg], ti.nodes()[li], inv.residual() * ti.last()[li]);
    }

    /**
     * X_c[i][j] = q_G,iᵀq_I,j of every probe c for the basis vectors of the Ĝ_c run (i &lt; k_G) and of the Ĝ_c⁻¹ run
     * including its normalised last residual (j ≤ k_I): b column dots per pair of basis blocks, split over the pool.
     */
    private static double[][][] crossGram(BlockLanczos.Run g, BlockLanczos.Run inv, int b, ExecutorService pool) {
        List<double[][]> qg = g.basis(), qi = new ArrayList<>(inv.basis());
        qi.add(inv.next());
        int kg = qg.size(), ki = qi.size();
        double[][][] dots = new double[kg][ki][];
        Future<?> half = pool == null ? null : pool.submit(() -> {
            for (int i = 0; i < kg; i += 2) for (int j = 0; j < ki; j++) dots[i][j] = BlockLanczos.colDots(qg.get(i), qi.get(j), b);
        });
        for (int i = half == null ? 0 : 1; i < kg; i += half == null ? 1 : 2) {
            for (int j = 0; j < ki; j++) dots[i][j] = BlockLanczos.colDots(qg.get(i), qi.get(j), b);
        }
        if (half != null) join(half);
        double[][][] x = new double[b][kg][ki];
        for (int i = 0; i < kg; i++) for (int j = 0; j < ki; j++) for (int c = 0; c < b; c++) x[c][i][j] = dots[i][j][c];
        return x;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while estimating the spectrum", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Per-probe functional sums and the control values, the CV-adjusted means and their jackknife errors. */
    private static Result combine(List<Probe> probes, Functionals fn, double[] known, int nControls, int nG, int nTriv, double m) {
        int n = probes.size();
        int nf = fn.count();
        double[][] x = new double[n][nf];
        double[][] ctl = new double[n][nControls];
        for (int p = 0; p < n; p++) {
            Probe pr = probes.get(p);
            fn.sums(pr.kappa, pr.weight, x[p]);
            double lnk = 0;
            for (int j = 0; j < pr.kappa.length; j++) lnk += pr.weight[j] * Math.log(pr.kappa[j]);
            if (nControls == 3) {
                ctl[p][0] = pr.zGz;
                ctl[p][1] = pr.zGinvZ;
                ctl[p][2] = lnk;
            } else {
                ctl[p][0] = lnk;
            }
        }
        double[] full = fn.scalars(cvMeans(x, ctl, known, -1), nG, nTriv, m);
        double[][] loo = new double[n][];
        for (int p = 0; p < n; p++) loo[p] = fn.scalars(cvMeans(x, ctl, known, p), nG, nTriv, m);
        double[] se = new double[full.length];
        for (int s = 0; s < full.length; s++) {
            double mean = 0;
            for (int p = 0; p < n; p++) mean += loo[p][s];
            mean /= n;
            double v = 0;
            for (int p = 0; p < n; p++) v += (loo[p][s] - mean) * (loo[p][s] - mean);
            se[s] = Math.sqrt(v * (n - 1) / n);
        }
        // γ is a ratio of probe means, biased at O(1/n); the jackknife's bias-corrected value n·θ̂ − (n − 1)·mean(θ̂_(i))
        // removes that term (Quenouille 1956); its standard error is the same jackknife error
        int g = fn.skewnessIndex();
        double meanLoo = 0;
        for (int p = 0; p < n; p++) meanLoo += loo[p][g];
        full[g] = n * full[g] - (n - 1) * (meanLoo / n);
        return new Result(full, se);
    }

    /**
     * Control-variate means of every column of x (least-squares coefficients on the centred controls, whose
     * exact means are {@code known}), leaving out row {@code skip} (−1: none).
     */
    static double[] cvMeans(double[][] x, double[][] ctl, double[] known, int skip) {
        int n = x.length, nf = x[0].length, p = known.length;
        int cnt = skip >= 0 ? n - 1 : n;
        double[] mx = new double[nf], mc = new double[p];
        for (int i = 0; i < n; i++) {
            if (i == skip) continue;
            for (int f = 0; f < nf; f++) mx[f] += x[i][f];
            for (int c = 0; c < p; c++) mc[c] += ctl[i][c];
        }
        for (int f = 0; f < nf; f++) mx[f] /= cnt;
        for (int c = 0; c < p; c++) mc[c] /= cnt;
        if (cnt <= p + 2) return mx; // too few probes to fit the coefficients
        double[][] s = new double[p][p];
        double[][] sx = new double[p][nf];
        for (int i = 0; i < n; i++) {
            if (i == skip) continue;
            for (int c = 0; c < p; c++) {
                double dc = ctl[i][c] - mc[c];
                for (int d = 0; d < p; d++) s[c][d] += dc * (ctl[i][d] - mc[d]);
                for (int f = 0; f < nf; f++) sx[c][f] += dc * (x[i][f] - mx[f]);
            }
        }
        // ridge of 1e-12 · trace keeps a control with (almost) no spread from blowing up the solve
        double tr = 0;
        for (int c = 0; c < p; c++) tr += s[c][c];
        for (int c = 0; c < p; c++) s[c][c] += 1e-12 * tr + Double.MIN_NORMAL;
        double[][] coef = solve(s, sx);
        double[] out = mx.clone();
        for (int f = 0; f < nf; f++) for (int c = 0; c < p; c++) out[f] -= coef[c][f] * (mc[c] - known[c]);
        return out;
    }

    /** Solves S B = R for a small symmetric positive (semi-)definite S by Gaussian elimination with pivoting. */
    private static double[][] solve(double[][] s, double[][] r) {
        int p = s.length, nf = r[0].length;
        double[][] a = new double[p][];
        double[][] b = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = s[i].clone();
            b[i] = r[i].clone();
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int i = c + 1; i < p; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
            double[] t = a[c]; a[c] = a[piv]; a[piv] = t;
            t = b[c]; b[c] = b[piv]; b[piv] = t;
            if (a[c][c] == 0) {
                for (int f = 0; f < nf; f++) b[c][f] = 0;
                continue;
            }
            for (int i = c + 1; i < p; i++) {
                double q = a[i][c] / a[c][c];
                for (int d = c; d < p; d++) a[i][d] -= q * a[c][d];
                for (int f = 0; f < nf; f++) b[i][f] -= q * b[c][f];
            }
        }
        double[][] xs = new double[p][nf];
        for (int c = p - 1; c >= 0; c--) {
            for (int f = 0; f < nf; f++) {
                double v = b[c][f];
                for (int d = c + 1; d < p; d++) v -= a[c][d] * xs[d][f];
                xs[c][f] = a[c][c] == 0 ? 0 : v / a[c][c];
            }
        }
        return xs;
    }

    /** Scalars and their standard errors, indexed as {@link Functionals} lays them out. */
    record Result(double[] value, double[] se) {
        double relSe(int i) {
            double v = Math.abs(value[i]);
            return v == 0 ? (se[i] == 0 ? 0 : Double.POSITIVE_INFINITY) : se[i] / v;
        }

        Estimate get(int i) { return new Estimate(value[i], se[i]); }
    }
}
