package org.thermolearn.experiments.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.operator.GOperator;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.spectrum.SpectrumChecks;

/**
 * The thermodynamics of one snapshot in one integration space, with theory.md's formula numbers:
 * the non-trivial spectrum of Ĝ = (Î − F′ŵ)ᵀ(Î − F′ŵ) + mÎ (S11), the Gaussian ensemble at β
 * (Z, ln Z, U, F, S: (S12)–(S16)), the thermodynamic entropy S₀ (S19), complexity C_&gt;(1) (S21) and
 * −½ ln det Ĝ (S19), effective rank (S22), log-moments and skewness γ (S35), and the exact identities
 * ({@link #checks()}: P2, P4, P13, (S33), (S34)).
 */
public final class Thermo {

    private final Network network;
    private final SpaceAnalysis a;
    private final Linalg la;

    Thermo(Network network, SpaceAnalysis a, Linalg la) {
        this.network = network;
        this.a = a;
        this.la = la;
    }

    public Space space() { return a.space() == org.thermolearn.thermo.operator.IntegrationSpace.ALL ? Space.ALL : Space.CLAMPED; }

    /** N_G, the dimension of the integration space (N or R). */
    public int nG() { return a.nG(); }

    /** N_nt, the number of non-trivial eigenvalues (λ ≠ 1); the other N_G − N_nt are exactly 1 (P3). */
    public int nNontrivial() { return a.isStochastic() ? a.stochastic().nCompressed() : a.spectrum().nNontrivial(); }

    /**
     * The non-trivial ln λ of Ĝ, ascending (what §3.6 histograms). On the stochastic route (large nets, issue 11)
     * there is no eigenvalue list: N_nt values at the quantiles of the estimated spectral measure instead.
     */
    public double[] lnLambda() {
        if (!a.isStochastic()) return a.spectrum().lnLambdaNontrivial();
        var st = a.stochastic();
        return org.thermolearn.thermo.record.SpectrumRow.stochastic(0, 0, 0, a.space().label(), st.nG(), st.nTrivial(), st.histLo(),
                st.histHi(), st.density(), st.densitySe(), st.lnNodes(), st.nodeWeights()).lnLambdaOrQuantiles();
    }

    /** True if the values are stochastic estimates (see {@link SpaceAnalysis#stochastic()} for their standard errors). */
    public boolean isStochastic() { return a.isStochastic(); }

    /** β of the ensemble quantities. */
    public double beta() { return a.ensemble().beta(); }

    /** ln Z (S13). */
    public double lnZ() { return a.ensemble().lnZ(); }

    /** Z (S12); +∞ when it overflows a double (use {@link #lnZ()}). */
    public double z() { return a.ensemble().z(); }

    /** Mean energy U = N_G/(2β) + E₀ (S14). */
    public double energy() { return a.ensemble().u(); }

    /** Free energy F = −ln Z/β (S15). */
    public double freeEnergy() { return a.ensemble().f(); }

    /** Gaussian entropy S = (N_G/2) ln(2πe/β) − ½ ln det Ĝ (S16). */
    public double entropy() { return a.ensemble().s(); }

    /** Thermodynamic entropy S₀ = (N_G/2) ln(2πe T) at T = 1/β (S19). */
    public double s0() { return a.ensemble().s0(); }

    /** Operational complexity C_&gt;(λ_c) = −½ Σ_{λ&gt;λ_c} ln λ (S21, λ_c = 1 by default). */
    public double complexity() { return a.complexity().cGt(); }

    /** Formal Gaussian complexity −½ ln det Ĝ (S19); 0 for m = 0 by (S20). */
    public double complexityLnDet() { return a.complexity().cLnDet(); }

    /** Total entropy S₀ + C_&gt;(1) (S18 with the operational C). */
    public double totalEntropy() { return a.sTotal(); }

    /** Effective rank r_ε (S22). */
    public long effectiveRank() { return a.complexity().effectiveRank(); }

    /** Σ ln λ over all N_G eigenvalues = ln det Ĝ (S20: 0 for m = 0). */
    public double sumLnLambda() { return a.isStochastic() ? a.stochastic().lnDet().value() : a.spectrum().lnDetG(); }

    /** μ_n over N_G (S35). */
    public double mu(int n) { return a.moments().mu(n); }

    /** μ_n over the non-trivial eigenvalues (S35). */
    public double muNontrivial(int n) { return a.moments().muNt(n); }

    /** Skewness γ = μ₃^nt/(μ₂^nt)^{3/2} (S35); 0 for a symmetric spectrum, &lt; 0 with a left tail. */
    public double skewness() { return a.moments().skewnessNt(); }

    /** The thermo package's analysis of this space. */
    public SpaceAnalysis raw() { return a; }

    /**
     * The exact identities on this snapshot, each comparing eigenvalues of Ĝ with an independent route:
     * <ul>
     *   <li>P2 / (S20): Σ ln λ = 0 (m = 0), tolerance 1e-10·max(1, N_nt);</li>
     *   <li>P4: when (F′ŵ)² = 0 in this space, the ln λ are symmetric, y_i = −y_{N+1−i}, and equal
     *       ±2 asinh(s_k/2) with s_k the singular values of F′ŵ (tolerance 1e-9); reported only then;</li>
     *   <li>P13: Σ λ = N_G + ‖F′ŵ‖_F² and Σ 1/λ = ‖(Î − F′ŵ)^{-1}‖_F² (relative, 1e-9);</li>
     *   <li>(S33): Σ(λ − 1/λ) = −Σ_{k≥2}‖(F′ŵ)^k‖_F² (residual relative to Σλ + Σ1/λ, 1e-9);</li>
     *   <li>(S34): Σ(λ + 1/λ − 2) = 2‖F′ŵ‖_F² + Σ_{k≥2}‖(F′ŵ)^k‖_F² (same).</li>
     * </ul>
     * The block-product identities need a block-nilpotent F′ŵ (any feed-forward network) and m = 0.
     */
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        Space sp = space();
        if (a.isStochastic()) return out; // no eigenvalue list to compare with the block products
        SpectrumChecks ch = a.spectrum().checks();
        int nt = nNontrivial();
        out.add(new Check("P2", sp, "sum ln lambda = ln det G = 0", ch.sumLnLambda(), 0.0, Math.abs(ch.sumLnLambda()), 1e-10 * Math.max(1, nt)));
        BlockIdentities id = a.identities();
        boolean m2zero = id != null && (id.fro2Powers().length < 2 || id.fro2Powers()[1] == 0.0);
        if (m2zero) out.addAll(p4());
        double scale = Math.max(1.0, ch.traceEigen() + ch.invTraceEigen());
        out.add(new Check("P13", sp, "sum lambda = N_G + |F'w|_F^2", ch.traceEigen(), ch.traceBlocks(),
                Math.abs(ch.traceEigen() - ch.traceBlocks()) / Math.max(1, Math.abs(ch.traceBlocks())), 1e-9));
        out.add(new Check("P13", sp, "sum 1/lambda = |(I - F'w)^-1|_F^2", ch.invTraceEigen(), ch.invTraceBlocks(),
                Math.abs(ch.invTraceEigen() - ch.invTraceBlocks()) / Math.max(1, Math.abs(ch.invTraceBlocks())), 1e-9));
        if (id != null && id.layered()) {
            out.add(new Check("S33", sp, "sum(lambda - 1/lambda) = -sum_k>=2 |M^k|_F^2", ch.s33Eigen(), id.s33Layered(),
                    Math.abs(ch.s33Eigen() - id.s33Layered()) / scale, 1e-9));
        } else {
            out.add(new Check("S33", sp, "sum(lambda - 1/lambda) = tr G - tr G^-1", ch.s33Eigen(), ch.s33Blocks(),
                    Math.abs(ch.s33Eigen() - ch.s33Blocks()) / scale, 1e-9));
        }
        out.add(new Check("S34", sp, "sum(lambda + 1/lambda - 2) = tr G + tr G^-1 - 2N_G", ch.s34Eigen(), ch.s34Blocks(),
                Math.abs(ch.s34Eigen() - ch.s34Blocks()) / scale, 1e-9));
        return out;
    }

    /** P4 (theory.md §5.4 item 1): symmetry of the ln-spectrum and its pairs ±2 asinh(s_k/2). */
    private List<Check> p4() {
        Space sp = space();
        double[] y = lnLambda();
        int n = y.length;
        double sym = 0;
        for (int i = 0; i < n; i++) sym = Math.max(sym, Math.abs(y[i] + y[n - 1 - i]));
        double odd = 0;
        for (double v : y) odd += v * v * v;
        List<Check> out = new ArrayList<>();
        out.add(new Check("P4", sp, "max |y_i + y_(N+1-i)| = 0 (symmetric)", sym, 0.0, sym, 1e-9));
        // the prediction from the singular values of M = F'w in this space
        GOperator op = GOperator.of(network, a.space(), null, 0.0);
        int ng = op.nG();
        double[] s = la.singularValues(ng, ng, op.m().toDense(op.firstGroup()));
        double tiny = 1e-12 * (s.length == 0 ? 0 : s[0]);
        List<Double> pred = new ArrayList<>();
        for (double v : s) {
            if (v > tiny && v > 1e-300) {
                double p = 2 * asinh(v / 2);
                pred.add(p);
                pred.add(-p);
            }
        }
        double[] p = pred.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double diff = Double.POSITIVE_INFINITY;
        if (p.length == n) {
            diff = 0;
            for (int i = 0; i < n; i++) diff = Math.max(diff, Math.abs(y[i] - p[i]));
        }
        // lhs/rhs: the largest ln λ and the largest predicted 2 asinh(s_1/2); residual: max over all pairs
        out.add(new Check("P4", sp, "y = +-2 asinh(s_k/2), s_k = sing. values of F'w", n == 0 ? Double.NaN : y[n - 1],
                p.length == 0 ? Double.NaN : p[p.length - 1], diff, 1e-9));
        out.add(new Check("P4", sp, "mu_3 (odd moment) = 0", odd / Math.max(1, n), 0.0, Math.abs(odd / Math.max(1, n)), 1e-9));
        return out;
    }

    private static double asinh(double x) { return Math.log(x + Math.sqrt(x * x + 1)); }

    /** One line per quantity, for printing in a cell. */
    public String summary() {
        return String.format(Locale.ROOT, """
                space %s: N_G = %d, non-trivial N_nt = %d, ln λ in [%.4f, %.4f]
                  β = %g:  ln Z = %.6f (S13)   U = %.6f (S14)   F = %.6f (S15)   S = %.6f (S16)
                  S₀ = %.6f (S19)   C_>(1) = %.6f (S21)   −½ ln det G = %.3e (S19, S20)   r_ε = %d (S22)
                  μ₁ = %.4e  μ₂ = %.4e  μ₃ = %.4e (S35)   skewness γ = %.4f""",
                space().label(), nG(), nNontrivial(), min(), max(), beta(), lnZ(), energy(), freeEnergy(), entropy(),
                s0(), complexity(), complexityLnDet(), effectiveRank(), mu(1), mu(2), mu(3), skewness());
    }

    private double min() { double[] y = lnLambda(); return y.length == 0 ? Double.NaN : y[0]; }

    private double max() { double[] y = lnLambda(); return y.length == 0 ? Double.NaN : y[y.length - 1]; }

    @Override
    public String toString() { return summary(); }

    /** The ln λ, for debugging. */
    String lnLambdaString() { return Arrays.toString(lnLambda()); }
}
