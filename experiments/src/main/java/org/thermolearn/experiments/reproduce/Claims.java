package org.thermolearn.experiments.reproduce;

import org.thermolearn.experiments.reproduce.Evidence.Series;
import org.thermolearn.experiments.reproduce.Evidence.Stat;
import org.thermolearn.experiments.reproduce.Verdict.Kind;
import org.thermolearn.experiments.reproduce.Verdict.Table;
import org.thermolearn.thermo.entropy.BoxFreeEnergy;
import org.thermolearn.thermo.entropy.EntropyProduction;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.SpectrumRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The claims of the talk that the reproduction checks, each with the code that decides its verdict. Thresholds
 * are constants here and quoted in the report; "spread" is the sample standard deviation over seeds.
 */
public final class Claims {

    /** |γ| below which a spectrum counts as symmetric. */
    public static final double SYMMETRIC = 0.02;
    /** γ below which a spectrum counts as left-skewed. */
    public static final double ASYMMETRIC = -0.05;
    /** U/U_∂ below which the bulk loss is "much smaller". */
    public static final double MUCH_SMALLER = 0.5;
    /** Fraction of checkpoint intervals that must go the claimed way for "decreases". */
    public static final double MOSTLY = 0.8;
    /** Relative residual below which a first-law reading holds. */
    public static final double FIRST_LAW_TOL = 0.2;
    /** Pearson r (C vs U_∂) above which C is "roughly linear in the loss". */
    public static final double LINEAR_R = 0.9;
    /** Moving fraction of the two-part ΔF (S31). */
    public static final double EPSILON = 0.05;
    /** β values of the two-part ΔF curves. */
    public static final double[] DELTA_F_BETAS = {0.1, 1, 10, 100, 1e4};
    /** β grid over which the Laplacian excess of S30 is compared between depths (the runs' own β̂ lie at 1e3–1e6). */
    public static final double[] LAPLACIAN_BETAS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    /**
     * A decisive comparison whose margin to its threshold is within this many seed standard deviations is borderline
     * (with three seeds, two standard deviations of the spread: another seed could flip it).
     */
    public static final double SPREAD = 2;

    private static final IntegrationSpace[] SPACES = {IntegrationSpace.ALL, IntegrationSpace.CLAMPED};
    private static final String[] SPACE_NAMES = {"all-N (A1a)", "clamped (A1b)"};

    private Claims() { }

    /** Every claim, in report order. */
    public static List<Claim> all() {
        List<Claim> c = new ArrayList<>();
        c.add(new Claim("S20", "§3.4, P2", "Σ ln λ_i = ln det Ĝ = 0 at every moment of training: eigenvalues moving right are compensated by eigenvalues moving left.",
                List.of(), Claims::sumLnLambda));
        c.add(new Claim("H1", "§3.6 (talk 00:36)", "During training the ln λ histogram widens: a peak grows and eigenvalues drift to both sides of ln λ = 0.",
                List.of("hist_shallow_all", "hist_shallow_clamped"), Claims::spreads));
        c.add(new Claim("H2", "§3.6, P4, A1", "Shallow net (one hidden layer): the ln λ histogram stays symmetric throughout training.",
                List.of("hist_shallow_all", "hist_shallow_clamped"), Claims::shallowSymmetric));
        c.add(new Claim("H3", "§3.6, P5", "Deep nets (2–3 hidden layers): the ln λ histogram is strongly asymmetric — a hump on the right, eigenvalues running away to the left.",
                List.of("hist_deep2_all", "hist_deep2_clamped", "hist_deep3_all", "hist_deep3_clamped"), Claims::deepAsymmetric));
        c.add(new Claim("P5", "§5.4, P5", "The asymmetry grows with depth: γ and μ₃ are negative and grow in magnitude from 1 to 2 to 3 hidden layers.",
                List.of("gamma_vs_depth", "mu3_vs_depth"), Claims::depthAsymmetry));
        c.add(new Claim("P6", "§2.2, §2.4, P6", "The bulk loss is (much) smaller than the boundary loss, U ≤ U_∂, and more so for deeper nets.",
                List.of("ratio_vs_epoch"), Claims::bulkBelowBoundary));
        c.add(new Claim("P7", "§2.4, P7", "U and U_∂ both decrease; log U_∂ vs log U runs down-left with plateaus of U_∂ while U keeps decreasing.",
                List.of("loss_loglog"), Claims::lossTrajectory));
        c.add(new Claim("P8", "§4.1–4.2, P8, A7", "Temperature T̂ decreases, S₀ = (N_G/2) ln(2πeT̂) decreases, and S = S₀ + C never increases (second law, dS/dt ≤ 0).",
                List.of("temperature", "entropy"), Claims::secondLaw));
        c.add(new Claim("P9", "§3.5, P9, A4", "Complexity decreases during training and is roughly linear in the loss.",
                List.of("c_vs_epoch", "c_vs_loss"), Claims::complexity));
        c.add(new Claim("P14", "§4.4, P14, A8", "First law: dU = T dS (= T dS₀ + T dC) along training.",
                List.of("first_law"), Claims::firstLaw));
        c.add(new Claim("S30", "§5.2, S30, A9", "Efficiency of learning: deep nets have the larger Laplacian of the free energy (less entropy destruction), so they learn better.",
                List.of("laplacian", "laplacian_beta"), Claims::laplacian));
        c.add(new Claim("S31", "§5.3, S31–S32 (illustrative)", "Two-part ΔF(β): at small β eigenvalues are driven both ways; as β grows the rightward drive stops while the leftward one continues, behind a barrier.",
                List.of("delta_f"), Claims::twoPart));
        c.add(new Claim("G1", "beyond the paper: S12–S16", "The Gaussian formulas describe the canonical ensemble e^{−βH} of the full (non-quadratic) loss.",
                List.of("mcmc_u", "mcmc_s", "mcmc_cov", "mcmc_spectrum"), Claims::gaussian));
        return c;
    }

    // ------------------------------------------------------------------ judges

    static Verdict sumLnLambda(Evidence e) {
        Table t = new Table("space", "max |Σ ln λ| over all checkpoints and runs", "runs");
        double worst = 0;
        for (int k = 0; k < 2; k++) {
            double m = 0;
            int n = 0;
            for (Series s : e.withData()) {
                double[] v = s.col(Metric.SUM_LN_LAMBDA, SPACES[k]);
                if (v.length > 0) n++;
                for (double x : v) m = Math.max(m, Math.abs(x));
            }
            t.row(SPACE_NAMES[k], m, n);
            worst = Math.max(worst, m);
        }
        requireData(e);
        return worst < 1e-8 ? t.verdict(Kind.REPRODUCED, "Σ ln λ stays at round-off (≤ " + Evidence.fmt(worst) + ") in both spaces for every checkpoint: det Ĝ = 1 (nilpotency).")
                : t.verdict(Kind.NOT_REPRODUCED, "Σ ln λ reaches " + Evidence.fmt(worst) + ", above round-off.");
    }

    static Verdict spreads(Evidence e) {
        requireData(e);
        Table t = new Table("architecture", "space", "μ₂ (non-trivial) init", "μ₂ end", "ln λ min init → end", "ln λ max init → end");
        int ok = 0, total = 0;
        for (String role : Evidence.ROLES) {
            for (int k = 0; k < 2; k++) {
                IntegrationSpace sp = SPACES[k];
                List<Series> rs = e.role(role);
                if (rs.isEmpty()) continue;
                Stat m0 = e.stat(role, s -> s.first(Metric.MU2_NT, sp)), m1 = e.stat(role, s -> s.last(Metric.MU2_NT, sp));
                Stat lo0 = e.stat(role, s -> s.first(Metric.LN_LAMBDA_MIN, sp)), lo1 = e.stat(role, s -> s.last(Metric.LN_LAMBDA_MIN, sp));
                Stat hi0 = e.stat(role, s -> s.first(Metric.LN_LAMBDA_MAX, sp)), hi1 = e.stat(role, s -> s.last(Metric.LN_LAMBDA_MAX, sp));
                t.row(role, SPACE_NAMES[k], m0, m1, Evidence.fmt(lo0.mean()) + " → " + Evidence.fmt(lo1.mean()), Evidence.fmt(hi0.mean()) + " → " + Evidence.fmt(hi1.mean()));
                for (Series s : rs) {
                    total++;
                    if (s.last(Metric.MU2_NT, sp) > s.first(Metric.MU2_NT, sp) && s.last(Metric.LN_LAMBDA_MIN, sp) < s.first(Metric.LN_LAMBDA_MIN, sp)
                            && s.last(Metric.LN_LAMBDA_MAX, sp) > s.first(Metric.LN_LAMBDA_MAX, sp)) ok++;
                }
            }
        }
        String n = ok + " of " + total + " (run, space) pairs";
        if (ok == total) return t.verdict(Kind.REPRODUCED, "In " + n + " μ₂ grows and both ends of the ln λ range move outwards.");
        if (ok > 0) return t.verdict(Kind.PARTLY, "Only " + n + " widen on both sides (μ₂ up, min down, max up).");
        return t.verdict(Kind.NOT_REPRODUCED, "No run widens on both sides.");
    }

    static Verdict shallowSymmetric(Evidence e) {
        List<Series> rs = e.role("shallow");
        if (rs.isEmpty()) throw new IllegalStateException("no shallow run has data");
        Table t = new Table("reading (A1)", "γ at init", "γ at end", "max |γ| over training", "symmetric (|γ| < " + SYMMETRIC + ")?");
        boolean[] sym = new boolean[2];
        for (int k = 0; k < 2; k++) {
            IntegrationSpace sp = SPACES[k];
            double mx = 0;
            for (Series s : rs) for (double v : s.col(Metric.SKEWNESS_NT, sp)) if (Double.isFinite(v)) mx = Math.max(mx, Math.abs(v));
            sym[k] = mx < SYMMETRIC;
            t.row(SPACE_NAMES[k], e.stat("shallow", s -> s.first(Metric.SKEWNESS_NT, sp)), e.stat("shallow", s -> s.last(Metric.SKEWNESS_NT, sp)), mx, sym[k] ? "yes" : "no");
        }
        if (sym[0] && sym[1]) return t.verdict(Kind.REPRODUCED, "Symmetric in both integration spaces.");
        if (!sym[0] && sym[1]) return t.verdict(Kind.DEPENDS_ON_READING, "Exactly symmetric (a theorem, M_RR² = 0) when the inputs are clamped (A1b); "
                + "with all N neurons integrated (A1a, the literal dᴺx) the one-hidden-layer net has M² ≠ 0 and is mildly left-skewed.");
        if (sym[0]) return t.verdict(Kind.DEPENDS_ON_READING, "Symmetric only in the all-N space.");
        return t.verdict(Kind.NOT_REPRODUCED, "Skewed in both spaces.");
    }

    static Verdict deepAsymmetric(Evidence e) {
        Table t = new Table("architecture", "space", "γ at end", "median ln λ at end", "S33 Σ(λ − 1/λ) at end", "left-skewed (γ < " + ASYMMETRIC + ") in all seeds? (margin)");
        boolean[] space = {true, true};
        boolean anyData = false, anyMedianLeft = false, border = false;
        for (String role : List.of("deep2", "deep3")) {
            List<Series> rs = e.role(role);
            if (rs.isEmpty()) continue;
            anyData = true;
            for (int k = 0; k < 2; k++) {
                IntegrationSpace sp = SPACES[k];
                boolean all = true;
                double[] med = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    Series s = rs.get(i);
                    all &= s.last(Metric.SKEWNESS_NT, sp) < ASYMMETRIC;
                    List<SpectrumRow> rows = s.spectrum(sp);
                    med[i] = rows.isEmpty() ? Double.NaN : median(rows.get(rows.size() - 1).lnLambdaOrQuantiles());
                    if (med[i] <= 0) anyMedianLeft = true;
                }
                space[k] &= all;
                Stat g = e.stat(role, s -> s.last(Metric.SKEWNESS_NT, sp)), md = Stat.of(med);
                border |= borderline(md.mean(), md.sd()) || borderline(ASYMMETRIC - g.mean(), g.sd());
                t.row(role, SPACE_NAMES[k], g, md + " (margin to 0: " + margin(md.mean(), md.sd()) + ")",
                        e.stat(role, s -> s.last(Metric.S33_EIGEN, sp)), (all ? "yes" : "no") + ", margin " + margin(ASYMMETRIC - g.mean(), g.sd()));
            }
        }
        if (!anyData) throw new IllegalStateException("no deep run has data");
        String hump = anyMedianLeft ? " (but the median ln λ is not always > 0, so the 'hump on the right' is not clear in every run)" : "; the median ln λ > 0 (mass on the right, tail on the left)";
        if (space[0] && space[1] && border) return t.verdict(Kind.BORDERLINE, "Left-skewed in both spaces for every deep run" + hump
                + ", but a margin (γ to " + ASYMMETRIC + " or the median ln λ to 0) is within the seed spread.");
        if (space[0] && space[1]) return t.verdict(anyMedianLeft ? Kind.PARTLY : Kind.REPRODUCED, "Left-skewed in both spaces for every deep run" + hump + ".");
        if (space[0] || space[1]) return t.verdict(Kind.DEPENDS_ON_READING, "Left-skewed in every deep run only in the " + (space[0] ? SPACE_NAMES[0] : SPACE_NAMES[1]) + " space.");
        return t.verdict(Kind.NOT_REPRODUCED, "The deep spectra are not consistently left-skewed.");
    }

    static Verdict depthAsymmetry(Evidence e) {
        Table t = new Table("space", "when", "γ: 1 hidden", "γ: 2 hidden", "γ: 3 hidden", "μ₃ (all N_G): 1", "μ₃: 2", "μ₃: 3", "γ monotone? (margins 1→2, 2→3)");
        boolean[] mono = new boolean[2];
        boolean border = false;
        for (int k = 0; k < 2; k++) {
            IntegrationSpace sp = SPACES[k];
            for (String when : List.of("init", "end")) {
                boolean end = when.equals("end");
                Stat[] g = new Stat[3], m = new Stat[3];
                for (int h = 0; h < 3; h++) {
                    String role = Evidence.ROLES.get(h);
                    g[h] = e.stat(role, s -> end ? s.last(Metric.SKEWNESS_NT, sp) : s.first(Metric.SKEWNESS_NT, sp));
                    m[h] = e.stat(role, s -> end ? s.last(Metric.MU3, sp) : s.first(Metric.MU3, sp));
                }
                boolean mon = g[0].n() > 0 && g[1].n() > 0 && g[2].n() > 0 && g[0].mean() > g[1].mean() && g[1].mean() > g[2].mean() && g[1].mean() < 0;
                double m01 = g[0].mean() - g[1].mean(), m12 = g[1].mean() - g[2].mean();
                boolean b = borderline(m01, combined(g[0], g[1])) || borderline(m12, combined(g[1], g[2]));
                if (end) {
                    mono[k] = mon;
                    border |= b;
                }
                t.row(SPACE_NAMES[k], when, g[0], g[1], g[2], m[0], m[1], m[2], (mon ? "yes" : "no") + ", steps " + margin(m01, combined(g[0], g[1]))
                        + " and " + margin(m12, combined(g[1], g[2])));
            }
        }
        if (border) return t.verdict(Kind.BORDERLINE, "At the end of training a step of γ between depths is within the seed spread (see the margins); "
                + "monotone in the all-N space: " + yes(mono[0]) + ", clamped: " + yes(mono[1]) + ".");
        if (mono[0] && mono[1]) return t.verdict(Kind.REPRODUCED, "At the end of training γ decreases (grows in magnitude) from 1 to 2 to 3 hidden layers in both spaces.");
        if (mono[0] || mono[1]) return t.verdict(Kind.DEPENDS_ON_READING, "γ is monotone in depth at the end only in the " + (mono[0] ? SPACE_NAMES[0] : SPACE_NAMES[1]) + " space.");
        return t.verdict(Kind.NOT_REPRODUCED, "γ at the end of training is not monotone in depth in either space (see the table; seeds overlap).");
    }

    static Verdict bulkBelowBoundary(Evidence e) {
        requireData(e);
        Table t = new Table("architecture", "U/U_∂ at init", "U/U_∂ at end", "margin to " + MUCH_SMALLER, "max U/U_∂ over training", "U_∂ at end", "U at end");
        double worst = 0;
        Stat[] end = new Stat[3];
        boolean allSmall = true, border = false;
        for (int h = 0; h < 3; h++) {
            String role = Evidence.ROLES.get(h);
            double mx = 0;
            for (Series s : e.role(role)) for (double v : s.col(Metric.BULK_TO_BOUNDARY)) if (Double.isFinite(v)) mx = Math.max(mx, v);
            worst = Math.max(worst, mx);
            end[h] = e.stat(role, s -> s.last(Metric.BULK_TO_BOUNDARY));
            if (end[h].n() == 0) continue;
            if (!(end[h].max() < MUCH_SMALLER)) allSmall = false;
            border |= borderline(MUCH_SMALLER - end[h].mean(), end[h].sd());
            t.row(role, e.stat(role, s -> s.first(Metric.BULK_TO_BOUNDARY)), end[h], margin(MUCH_SMALLER - end[h].mean(), end[h].sd()), mx,
                    e.stat(role, s -> s.last(Metric.U_BOUNDARY)), e.stat(role, s -> s.last(Metric.U_BULK)));
        }
        boolean bound = worst <= 1 + 1e-9;
        boolean deeper = end[0].mean() > end[1].mean() && end[1].mean() > end[2].mean();
        boolean deeperBorder = borderline(end[0].mean() - end[1].mean(), combined(end[0], end[1])) || borderline(end[1].mean() - end[2].mean(), combined(end[1], end[2]));
        String r = String.format(Locale.ROOT, "U ≤ U_∂ %s (max ratio %s); 'much smaller' (U/U_∂ < %s at the end in every run): %s%s; smaller for deeper nets: %s%s.",
                bound ? "holds at every checkpoint" : "FAILS", Evidence.fmt(worst), MUCH_SMALLER, yes(allSmall), border ? " (borderline: a margin is inside the seed spread)" : "",
                yes(deeper), deeperBorder ? " (borderline)" : "");
        return bulkVerdict(t, r, bound, allSmall, border, deeper, deeperBorder);
    }

    /** The P6 decision: the bound must hold; "much smaller" and "more so for deeper nets" decide the rest, unless a margin is inside the spread. */
    static Verdict bulkVerdict(Table t, String reason, boolean bound, boolean allSmall, boolean smallBorder, boolean deeper, boolean deeperBorder) {
        if (!bound) return t.verdict(Kind.NOT_REPRODUCED, reason);
        if (smallBorder || deeperBorder) return t.verdict(Kind.BORDERLINE, reason);
        return t.verdict(allSmall && deeper ? Kind.REPRODUCED : Kind.PARTLY, reason);
    }

    static Verdict lossTrajectory(Evidence e) {
        requireData(e);
        Table t = new Table("architecture", "U_∂ init → end", "U init → end", "intervals with both decreasing", "plateau intervals of U_∂ (runs with ≥ 1)");
        int runs = 0, down = 0, plateauRuns = 0;
        for (String role : Evidence.ROLES) {
            List<Series> rs = e.role(role);
            if (rs.isEmpty()) continue;
            double both = 0;
            int pr = 0;
            for (Series s : rs) {
                runs++;
                double[] ub = s.col(Metric.U_BOUNDARY), u = s.col(Metric.U_BULK);
                if (ub[ub.length - 1] < ub[0] && u[u.length - 1] < u[0]) down++;
                int bd = 0, n = 0;
                boolean plateau = false;
                for (int i = 0; i + 1 < u.length; i++) {
                    n++;
                    if (ub[i + 1] < ub[i] && u[i + 1] < u[i]) bd++;
                    double dU = Math.log(u[i + 1] / u[i]), dB = Math.log(ub[i + 1] / ub[i]);
                    if (dU < -0.05 && Math.abs(dB) < 0.25 * Math.abs(dU)) plateau = true;
                }
                both += n == 0 ? 0 : (double) bd / n / rs.size();
                if (plateau) { pr++; plateauRuns++; }
            }
            t.row(role, Evidence.fmt(e.stat(role, s -> s.first(Metric.U_BOUNDARY)).mean()) + " → " + Evidence.fmt(e.stat(role, s -> s.last(Metric.U_BOUNDARY)).mean()),
                    Evidence.fmt(e.stat(role, s -> s.first(Metric.U_BULK)).mean()) + " → " + Evidence.fmt(e.stat(role, s -> s.last(Metric.U_BULK)).mean()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * both), pr + " of " + rs.size());
        }
        String r = down + " of " + runs + " runs end with both losses below their start; " + plateauRuns + " of " + runs
                + " show a U_∂ plateau (|Δ ln U_∂| < ¼|Δ ln U| while U drops by > 5 %) between checkpoints.";
        if (down == runs && plateauRuns * 2 >= runs) return t.verdict(Kind.REPRODUCED, r);
        if (down == runs) return t.verdict(Kind.PARTLY, r + " The down-left trend is reproduced; the plateaus are not (or not resolved by the log-spaced checkpoints).");
        return t.verdict(Kind.NOT_REPRODUCED, r);
    }

    static Verdict secondLaw(Evidence e) {
        requireData(e);
        Table t = new Table("temperature reading (A7)", "architecture", "T init", "T end", "intervals T ↓", "S = S₀ + C_>(1) init", "S end", "intervals S non-increasing");
        boolean[] ok = new boolean[2];
        boolean[] tDown = new boolean[2];
        String[] names = {"T̂ = 2U/N_G (S23)", "T_fl = 1/β̂_fl (S24)"};
        for (int k = 0; k < 2; k++) {
            boolean all = true, tAll = true;
            for (String role : Evidence.ROLES) {
                List<Series> rs = e.role(role);
                if (rs.isEmpty()) continue;
                double fT = 0, fS = 0;
                double[] t0 = new double[rs.size()], t1 = new double[rs.size()], s0 = new double[rs.size()], s1 = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    double[] temp = temperature(rs.get(i), k), s = entropy(rs.get(i), k);
                    t0[i] = temp[0];
                    t1[i] = temp[temp.length - 1];
                    s0[i] = s[0];
                    s1[i] = s[s.length - 1];
                    double ft = fraction(temp, -1), fs = fractionNonIncreasing(s);
                    fT += ft / rs.size();
                    fS += fs / rs.size();
                    if (!(t1[i] < t0[i]) || ft < MOSTLY) tAll = false;
                    if (fs < MOSTLY || !(s1[i] <= s0[i])) all = false;
                }
                t.row(names[k], role, Stat.of(t0), Stat.of(t1), pct(fT), Stat.of(s0), Stat.of(s1), pct(fS));
            }
            tDown[k] = tAll;
            ok[k] = tAll && all;
        }
        String r = String.format(Locale.ROOT, "all-N space. With (S23): T ↓ %s, S non-increasing %s. With (S24): T ↓ %s, S non-increasing %s (criterion: ≥ %.0f%% of intervals in every run).",
                yes(tDown[0]), yes(ok[0]), yes(tDown[1]), yes(ok[1]), 100 * MOSTLY);
        if (ok[0] && ok[1]) return t.verdict(Kind.REPRODUCED, r);
        if (ok[0] != ok[1]) return t.verdict(Kind.DEPENDS_ON_READING, r);
        if (tDown[0] || tDown[1]) return t.verdict(Kind.PARTLY, r);
        return t.verdict(Kind.NOT_REPRODUCED, r);
    }

    /** Temperature per checkpoint, all-N space: reading 0 = S23, 1 = S24. */
    static double[] temperature(Series s, int reading) {
        if (reading == 0) return s.col(Metric.TEMPERATURE, IntegrationSpace.ALL);
        double[] b = s.col(Metric.BETA_FL, IntegrationSpace.ALL);
        double[] t = new double[b.length];
        for (int i = 0; i < b.length; i++) t[i] = 1 / b[i];
        return t;
    }

    /** S = S₀ + C_>(1), all-N space, with S₀ at the temperature of the reading. */
    static double[] entropy(Series s, int reading) {
        if (reading == 0) return s.col(Metric.S_TOTAL, IntegrationSpace.ALL);
        double[] t = temperature(s, 1), ng = s.col(Metric.N_G, IntegrationSpace.ALL), c = s.col(Metric.C_GT, IntegrationSpace.ALL);
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) out[i] = GaussianEnsemble.s0((int) ng[i], t[i]) + c[i];
        return out;
    }

    static Verdict complexity(Evidence e) {
        requireData(e);
        Table t = new Table("reading (A4)", "architecture", "C init", "C end", "intervals C ↓ (mean)", "decreases in every seed?",
                "Pearson r(C, ln U_∂)", "Spearman ρ(C, U_∂)");
        boolean bDown = true, bLin = true, cDown = true, aConst = true, border = false;
        for (String role : Evidence.ROLES) {
            List<Series> rs = e.role(role);
            if (rs.isEmpty()) continue;
            boolean d = true, dc = true;
            double[] r = new double[rs.size()], rho = new double[rs.size()], fr = new double[rs.size()];
            double maxA = 0;
            for (int i = 0; i < rs.size(); i++) {
                Series s = rs.get(i);
                double[] c = s.col(Metric.C_GT, IntegrationSpace.ALL), ub = s.col(Metric.U_BOUNDARY);
                fr[i] = fraction(c, -1);
                d &= s.last(Metric.C_GT, IntegrationSpace.ALL) < s.first(Metric.C_GT, IntegrationSpace.ALL) && fr[i] >= MOSTLY;
                dc &= s.last(Metric.EFFECTIVE_RANK, IntegrationSpace.ALL) < s.first(Metric.EFFECTIVE_RANK, IntegrationSpace.ALL);
                r[i] = pearson(c, log(ub));
                rho[i] = spearman(c, ub);
                for (double v : s.col(Metric.C_LN_DET, IntegrationSpace.ALL)) maxA = Math.max(maxA, Math.abs(v));
            }
            Stat rr = Stat.of(r), rs2 = Stat.of(rho);
            bDown &= d;
            bLin &= rr.mean() > LINEAR_R && rs2.mean() > LINEAR_R;
            border |= borderline(rr.mean() - LINEAR_R, rr.sd()) || borderline(rs2.mean() - LINEAR_R, rs2.sd());
            cDown &= dc;
            aConst &= maxA < 1e-8;
            t.row("(b) C_>(1) = −½Σ_{λ>1} ln λ (S21, default)", role, e.stat(role, s -> s.first(Metric.C_GT, IntegrationSpace.ALL)),
                    e.stat(role, s -> s.last(Metric.C_GT, IntegrationSpace.ALL)), pct(Stat.of(fr).mean()), yes(d), rr, rs2);
            t.row("(a) −½ ln det Ĝ (S19)", role, e.stat(role, s -> s.first(Metric.C_LN_DET, IntegrationSpace.ALL)),
                    e.stat(role, s -> s.last(Metric.C_LN_DET, IntegrationSpace.ALL)), "—", "no (≡ 0, max |·| " + Evidence.fmt(maxA) + ")", "—", "—");
            t.row("(c) effective rank r_ε (S22)", role, e.stat(role, s -> s.first(Metric.EFFECTIVE_RANK, IntegrationSpace.ALL)),
                    e.stat(role, s -> s.last(Metric.EFFECTIVE_RANK, IntegrationSpace.ALL)), "—", yes(dc), "—", "—");
        }
        String r = String.format(Locale.ROOT, "all-N space. Reading (b): decreases monotonically (≥ %.0f%% of intervals and end < start in every run) %s; "
                + "roughly linear in the loss (mean Pearson r on ln U_∂ and mean Spearman ρ both > %.1f) %s%s; reading (a): identically 0 %s; reading (c): decreases %s.",
                100 * MOSTLY, yes(bDown), LINEAR_R, yes(bLin), border ? " (borderline: a correlation is within the seed spread of " + LINEAR_R + ")" : "", yes(aConst), yes(cDown));
        return complexityVerdict(t, r, bDown, bLin, border, aConst, cDown);
    }

    /** The P9 decision: monotone and linear reproduces (under reading (b)); monotone but not linear is partly. */
    static Verdict complexityVerdict(Table t, String reason, boolean bDown, boolean bLin, boolean linBorder, boolean aConst, boolean cDown) {
        if (bDown && linBorder) return t.verdict(Kind.BORDERLINE, reason);
        if (bDown && bLin) return t.verdict(aConst ? Kind.DEPENDS_ON_READING : Kind.REPRODUCED,
                reason + (aConst ? " Reproduced under the default reading (b); the literal Gaussian complexity (a) cannot move." : ""));
        if (bDown) return t.verdict(Kind.PARTLY, reason + " The decrease is reproduced, the linearity in the loss is not.");
        if (cDown) return t.verdict(Kind.DEPENDS_ON_READING, reason);
        return t.verdict(Kind.NOT_REPRODUCED, reason);
    }

    static Verdict firstLaw(Evidence e) {
        requireData(e);
        String[] names = {"(S23) dU = T̂ dS₀ — an identity", "(S23) dU = T̂ (dS₀ + dC)", "(S24) dU = T_fl dS₀(T_fl)", "(S24) dU = T_fl (dS₀ + dC)"};
        Table t = new Table("reading (A7 × A8)", "shallow", "deep2", "deep3", "holds (ρ < " + FIRST_LAW_TOL + ")?");
        boolean[] holds = new boolean[4];
        boolean border = false;
        double bestFl = Double.POSITIVE_INFINITY, identity = 0;
        for (int k = 0; k < 4; k++) {
            Stat[] st = new Stat[3];
            boolean all = true;
            for (int h = 0; h < 3; h++) {
                List<Series> rs = e.role(Evidence.ROLES.get(h));
                double[] v = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    v[i] = firstLawResidual(rs.get(i), k);
                    if (!(v[i] < FIRST_LAW_TOL)) all = false;
                    if (k == 0 && Double.isFinite(v[i])) identity = Math.max(identity, v[i]);
                }
                st[h] = Stat.of(v);
                if (k >= 2 && st[h].n() > 0) {
                    bestFl = Math.min(bestFl, st[h].mean());
                    border |= borderline(FIRST_LAW_TOL - st[h].mean(), st[h].sd());
                }
            }
            holds[k] = all;
            t.row(names[k], st[0], st[1], st[2], yes(all));
        }
        String r = "ρ = Σ|ΔU − T̄ΔS| / Σ|ΔU| over checkpoint intervals (T̄ the log-mean of the interval, all-N space). With the equipartition temperature "
                + "(S23) dU = T̂dS₀ is an identity (T̂ = 2U/N_G makes T̂dS₀ = dU exactly; max ρ " + Evidence.fmt(identity) + ") and tests nothing; "
                + "only the independent fluctuation temperature (S24) tests the first law (smallest mean ρ " + Evidence.fmt(bestFl) + " vs " + FIRST_LAW_TOL + "). ";
        return firstLawVerdict(t, r, holds[2] || holds[3], border);
    }

    /** The P14 decision: only the (S24) readings test anything; the (S23) identity never counts as evidence. */
    static Verdict firstLawVerdict(Table t, String reason, boolean holdsWithFluctuationTemperature, boolean border) {
        if (border) return t.verdict(Kind.BORDERLINE, reason + "The (S24) residual is within the seed spread of the tolerance.");
        if (holdsWithFluctuationTemperature) return t.verdict(Kind.REPRODUCED, reason + "Holds with the fluctuation temperature (S24).");
        return t.verdict(Kind.NOT_REPRODUCED, reason + "It fails with (S24).");
    }

    /** ρ for reading k (0: S23 S₀, 1: S23 S₀+C, 2: S24 S₀, 3: S24 S₀+C). */
    static double firstLawResidual(Series s, int k) {
        double[] u = s.col(Metric.U_BULK);
        double[] temp = temperature(s, k < 2 ? 0 : 1);
        double[] ng = s.col(Metric.N_G, IntegrationSpace.ALL), c = s.col(Metric.C_GT, IntegrationSpace.ALL);
        double num = 0, den = 0;
        for (int i = 0; i + 1 < u.length; i++) {
            double s0a = GaussianEnsemble.s0((int) ng[i], temp[i]), s0b = GaussianEnsemble.s0((int) ng[i + 1], temp[i + 1]);
            double dS = s0b - s0a + (k % 2 == 1 ? c[i + 1] - c[i] : 0);
            double tm = logMean(temp[i], temp[i + 1]);
            double du = u[i + 1] - u[i];
            if (!Double.isFinite(dS) || !Double.isFinite(tm) || !Double.isFinite(du)) continue;
            num += Math.abs(du - tm * dS);
            den += Math.abs(du);
        }
        return den == 0 ? Double.NaN : num / den;
    }

    static Verdict laplacian(Evidence e) {
        requireData(e);
        Table t = new Table("reading (A9: ascent; A7: β of the runs)", "shallow", "deep2", "deep3", "deep > shallow?", "margin (deep − shallow, min)");
        String[] coords = {"q = ln λ, φ_box (S30, S32): Σ_nt [φ″(y) − φ″(0)]", "q = λ, Gaussian: −(1/2β) Σ_nt (λ⁻² − 1)"};
        String[] temps = {"β̂ = N_G/(2U) (S23)", "β̂_fl (S24)"};
        boolean[][] ok = new boolean[2][2];
        boolean border = false;
        for (int k = 0; k < 2; k++) {
            for (int b = 0; b < 2; b++) {
                final int kk = k, bb = b;
                Stat[] st = new Stat[3];
                for (int h = 0; h < 3; h++) st[h] = e.stat(Evidence.ROLES.get(h), s -> laplacianExcess(s, kk, ownBeta(s, bb)));
                Comparison c = deeperWins(st);
                ok[k][b] = c.wins();
                border |= c.borderline();
                t.row(coords[k] + " at " + temps[b], st[0], st[1], st[2], yes(c.wins()) + (c.borderline() ? " (borderline)" : ""), c.margin());
            }
        }
        // the same comparison over a β grid, ln λ coordinates: where does the ranking change?
        List<String> grid = new ArrayList<>();
        for (double beta : LAPLACIAN_BETAS) {
            Stat[] st = new Stat[3];
            for (int h = 0; h < 3; h++) st[h] = e.stat(Evidence.ROLES.get(h), s -> laplacianExcess(s, 0, beta));
            Comparison c = deeperWins(st);
            grid.add("β = " + betaLabel(beta) + ": " + (c.wins() ? "deep" : c.vanishing() ? "≈ 0 (undecided)" : "shallow"));
            t.row(coords[0] + " at β = " + betaLabel(beta), st[0], st[1], st[2], yes(c.wins()) + (c.borderline() ? " (borderline)" : ""), c.margin());
        }
        String r = "End of training, all-N space, excess over a flat spectrum (every ln λ = 0; the recorded laplacian_f_ln_lambda column is this excess "
                + "plus N_G φ″(0), which differs between architectures). Judged at the runs' own inverse temperatures (A7, both estimators), not at the "
                + "fixed gauss_beta. Sign convention A9: ascent, so a larger Laplacian means less entropy destruction; under descent every comparison flips. "
                + "The ln λ ranking depends on β (" + String.join("; ", grid) + "): at β ≈ 1 the curvature bump of φ″ sits near ln λ ≈ 0.7 and spreading "
                + "lowers the sum, at large β the excess counts the left tail. ";
        return laplacianVerdict(t, r, ok, border);
    }

    /** The S30 decision from deep-beats-shallow in [coordinate (0 ln λ, 1 λ)][temperature (0 S23, 1 S24)]. */
    static Verdict laplacianVerdict(Table t, String reason, boolean[][] ok, boolean border) {
        boolean all = ok[0][0] && ok[0][1] && ok[1][0] && ok[1][1], none = !ok[0][0] && !ok[0][1] && !ok[1][0] && !ok[1][1];
        if (border) return t.verdict(Kind.BORDERLINE, reason + "A decisive difference is within the seed spread.");
        if (all) return t.verdict(Kind.REPRODUCED, reason + "At the runs' temperatures deep nets have the larger Laplacian in both coordinates and with both estimators.");
        if (none) return t.verdict(Kind.NOT_REPRODUCED, reason + "At the runs' temperatures deep nets do not have the larger Laplacian in any reading.");
        List<String> wins = new ArrayList<>();
        String[] c = {"ln λ", "λ"}, b = {"β̂ (S23)", "β̂_fl (S24)"};
        for (int k = 0; k < 2; k++) for (int j = 0; j < 2; j++) if (ok[k][j]) wins.add(c[k] + " at " + b[j]);
        return t.verdict(Kind.DEPENDS_ON_READING, reason + "Deep nets win only in: " + String.join(", ", wins) + ".");
    }

    /** The runs' own inverse temperature at the last checkpoint (all-N): 0 = β̂ (S23), 1 = β̂_fl (S24). */
    static double ownBeta(Series s, int estimator) {
        return s.last(estimator == 0 ? Metric.BETA_HAT : Metric.BETA_FL, IntegrationSpace.ALL);
    }

    /** Laplacian excesses below this are round-off or underflow (β e^y ≫ 1 for every eigenvalue): the comparison is undecided. */
    static final double VANISHING = 1e-12;

    /** Does deep2 and deep3 beat shallow (mean over seeds), and is the smaller difference within the seed spread? */
    record Comparison(boolean wins, boolean borderline, boolean vanishing, String margin) { }

    static Comparison deeperWins(Stat[] st) {
        if (st[0].n() == 0 || (st[1].n() == 0 && st[2].n() == 0)) return new Comparison(false, false, false, "n/a");
        double scale = 0;
        for (Stat x : st) if (x.n() > 0) scale = Math.max(scale, Math.abs(x.mean()));
        if (scale < VANISHING) return new Comparison(false, true, true, "≈ 0 for every depth: no eigenvalue is soft enough to contribute at this β (undecided)");
        double best = Double.POSITIVE_INFINITY, sd = 0;
        boolean wins = true;
        for (int h = 1; h < 3; h++) {
            if (st[h].n() == 0) continue;
            double d = st[h].mean() - st[0].mean();
            wins &= d > 0;
            if (Math.abs(d) < Math.abs(best)) { best = d; sd = combined(st[0], st[h]); }
        }
        return new Comparison(wins, borderline(best, sd), false, margin(best, sd));
    }

    /** Laplacian excess at the last checkpoint (all-N space) at β: 0 = ln λ with φ_box, 1 = λ Gaussian (one definition: EntropyProduction). */
    static double laplacianExcess(Series s, int k, double beta) {
        List<SpectrumRow> rows = s.spectrum(IntegrationSpace.ALL);
        if (rows.isEmpty() || !(beta > 0) || !Double.isFinite(beta)) return Double.NaN;
        double[] y = rows.get(rows.size() - 1).lnLambdaOrQuantiles();
        return k == 0 ? EntropyProduction.laplacianLnLambdaExcess(y, beta, BoxFreeEnergy.standard()) : EntropyProduction.laplacianLambdaExcess(y, beta);
    }

    /** The number of non-trivial eigenvalues used for the two-part ΔF: median over deep3 runs at the end (all-N), else 100. */
    static int twoPartN(Evidence e) {
        double[] v = e.role("deep3").stream().mapToDouble(s -> s.last(Metric.N_NONTRIVIAL, IntegrationSpace.ALL)).filter(Double::isFinite).toArray();
        return v.length == 0 ? 100 : (int) Math.round(median(v));
    }

    /** y grid of the ΔF curves. */
    static double[] twoPartGrid() {
        double[] y = new double[181];
        for (int i = 0; i < y.length; i++) y[i] = -12 + 0.1 * i;
        return y;
    }

    static Verdict twoPart(Evidence e) {
        int n = twoPartN(e);
        double[] y = twoPartGrid();
        BoxFreeEnergy phi = BoxFreeEnergy.standard();
        Table t = new Table("β", "βΔF(y = −12)", "βΔF(−4)", "βΔF(+4)", "interior maximum on y < 0 (barrier)?");
        boolean hump = false;
        double[][] f = new double[DELTA_F_BETAS.length][];
        for (int b = 0; b < DELTA_F_BETAS.length; b++) {
            double beta = DELTA_F_BETAS[b];
            f[b] = EntropyProduction.twoPartDeltaF(y, beta, n, EPSILON, phi);
            boolean h = false;
            for (int i = 1; i < y.length - 1 && y[i] < 0; i++) if (f[b][i] > f[b][i - 1] && f[b][i] > f[b][i + 1] && f[b][i] > f[b][0] + 1e-12) h = true;
            hump |= h;
            t.row(beta, beta * at(y, f[b], -12), beta * at(y, f[b], -4), beta * at(y, f[b], 4), yes(h));
        }
        boolean both = at(y, f[0], -4) > 0 && at(y, f[0], 4) > 0;
        int big = 3; // β = 100
        double leftMax = 0;
        for (int i = 0; i < y.length && y[i] < 0; i++) leftMax = Math.max(leftMax, Math.abs(f[big][i]));
        boolean rightFlat = Math.abs(at(y, f[big], 4)) < 0.05 * leftMax;
        boolean leftDrive = at(y, f[big], -12) > 0;
        String r = String.format(Locale.ROOT, "Illustrative only (φ is not in the sources; φ_box of (S32), ε = %.2f, N_nt = %d from deep3). Small β driven both ways: %s; "
                + "at β = 100 right side flat: %s, left side still driven: %s; barrier: %s.", EPSILON, n, yes(both), yes(rightFlat), yes(leftDrive), yes(hump));
        if (both && rightFlat && leftDrive) return t.verdict(hump ? Kind.REPRODUCED : Kind.PARTLY, r + (hump ? "" : " The story is reproduced except the barrier (hump)."));
        return t.verdict(Kind.NOT_REPRODUCED, r);
    }

    static Verdict gaussian(Evidence e) {
        GaussianCheck.Result m = e.mcmc();
        if (m == null) throw new IllegalStateException("the Gaussian check was not run (no mcmc/" + ReproduceRunner.MCMC_JSON + ")");
        Table t = new Table("β", "U Gauss = R/2β", "U HMC ± MCSE", "S Gauss", "S (TI from HMC)", "cov. error vs Gauss at x*", "vs Gauss at b (A2a)", "HMC vs exact",
                "acc.", "ESS(H)", "R̂ max");
        boolean uOk = true, diagOk = true;
        for (GaussianCheck.BetaPoint p : m.points()) {
            double tolU = Math.max(0.03 * p.uGauss(), 4 * p.uHmcError());
            if (!(Math.abs(p.uHmc() - p.uGauss()) <= tolU)) uOk = false;
            if (!(p.rHatMax() < 1.05) || !(p.essH() >= 100)) diagOk = false;
            t.row(p.beta(), p.uGauss(), Evidence.fmt(p.uHmc()) + " ± " + Evidence.fmt(p.uHmcError()), p.sGauss(), p.sTi(),
                    p.covErrExactVsGaussFixedPoint(), p.covErrExactVsGaussBias(), p.covErrHmcVsExact(), p.acceptance(), p.essH(), p.rHatMax());
        }
        String diag = diagOk ? "HMC diagnostics fine (R̂ < 1.05, ESS ≥ 100 at every β)." : "HMC diagnostics NOT fine at some β (R̂ ≥ 1.05 or ESS < 100): treat those rows with care.";
        String cov;
        boolean covAll = Double.isNaN(m.betaBreakdown());
        if (covAll) cov = "the covariance agrees with (βĜ_R(x*))⁻¹ within " + Evidence.fmt(m.tolerance()) + " at every β sampled";
        else if (Double.isNaN(m.betaAgree())) cov = "the covariance disagrees with (βĜ_R(x*))⁻¹ at every β sampled, even the largest";
        else cov = "the covariance agrees with (βĜ_R(x*))⁻¹ for β ≥ " + Evidence.fmt(m.betaAgree()) + " and breaks down for β ≤ " + Evidence.fmt(m.betaBreakdown())
                + " (relative Frobenius error > " + Evidence.fmt(m.tolerance()) + ")";
        double biasLo = Double.POSITIVE_INFINITY, biasHi = 0;
        for (GaussianCheck.BetaPoint p : m.points()) {
            biasLo = Math.min(biasLo, p.covErrExactVsGaussBias());
            biasHi = Math.max(biasHi, p.covErrExactVsGaussBias());
        }
        String bias = biasLo > m.tolerance()
                ? " The default operator (f′ at the bias, A2a — the one behind every spectral claim) has a covariance error of " + Evidence.fmt(biasLo) + "–"
                + Evidence.fmt(biasHi) + " against the exact ensemble at every β sampled: the recorded spectra are not the Hessian of the loss at its minimum."
                : " The default operator (f′ at the bias, A2a) has a covariance error of " + Evidence.fmt(biasLo) + "–" + Evidence.fmt(biasHi) + ".";
        String r = "R = " + m.r() + " non-input neurons of " + m.network() + ", inputs " + m.inputs() + ". U and S: " + (uOk ? "agree with the Gaussian formulas at every β (as they must: Z = (2π/β)^{R/2} exactly for a feed-forward net)" : "DISAGREE at some β")
                + "; " + cov + " (f′ at the data fixed point x*)." + bias + " " + diag;
        if (!uOk) return t.verdict(Kind.NOT_REPRODUCED, r);
        return t.verdict(covAll ? Kind.REPRODUCED : Kind.PARTLY, r);
    }

    // ------------------------------------------------------------------ helpers

    private static void requireData(Evidence e) {
        if (e.withData().isEmpty()) throw new IllegalStateException("no run has recorded metrics");
    }

    static double at(double[] x, double[] y, double x0) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (Math.abs(x[i] - x0) < Math.abs(x[best] - x0)) best = i;
        return y[best];
    }

    static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) return Double.NaN;
        return f.length % 2 == 1 ? f[f.length / 2] : 0.5 * (f[f.length / 2 - 1] + f[f.length / 2]);
    }

    /** Fraction of intervals with sign(Δ) = sign (−1 decreasing). */
    static double fraction(double[] v, int sign) {
        int n = 0, k = 0;
        for (int i = 0; i + 1 < v.length; i++) {
            if (!Double.isFinite(v[i]) || !Double.isFinite(v[i + 1])) continue;
            n++;
            if (Math.signum(v[i + 1] - v[i]) == sign) k++;
        }
        return n == 0 ? Double.NaN : (double) k / n;
    }

    static double fractionNonIncreasing(double[] v) {
        int n = 0, k = 0;
        for (int i = 0; i + 1 < v.length; i++) {
            if (!Double.isFinite(v[i]) || !Double.isFinite(v[i + 1])) continue;
            n++;
            if (v[i + 1] <= v[i] + 1e-9 * Math.max(1, Math.abs(v[i]))) k++;
        }
        return n == 0 ? Double.NaN : (double) k / n;
    }

    static double pearson(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double ma = 0, mb = 0;
        int m = 0;
        for (int i = 0; i < n; i++) if (Double.isFinite(a[i]) && Double.isFinite(b[i])) { ma += a[i]; mb += b[i]; m++; }
        if (m < 3) return Double.NaN;
        ma /= m;
        mb /= m;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) continue;
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    static double logMean(double a, double b) {
        if (!(a > 0) || !(b > 0)) return 0.5 * (a + b);
        if (Math.abs(a - b) < 1e-12 * a) return a;
        return (b - a) / Math.log(b / a);
    }

    /** Spearman rank correlation (average ranks for ties) over the pairs where both values are finite. */
    static double spearman(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) if (Double.isFinite(a[i]) && Double.isFinite(b[i])) pairs.add(new double[] {a[i], b[i]});
        double[] x = new double[pairs.size()], y = new double[pairs.size()];
        for (int i = 0; i < x.length; i++) { x[i] = pairs.get(i)[0]; y[i] = pairs.get(i)[1]; }
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
            for (int k = i; k <= j; k++) r[idx[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return r;
    }

    static double[] log(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] > 0 ? Math.log(v[i]) : Double.NaN;
        return o;
    }

    /** "1", "100", "1e5": a β of the grid as it is written in the report. */
    static String betaLabel(double b) {
        if (b == Math.rint(b) && b < 1e4) return String.valueOf((long) b);
        return String.format(Locale.ROOT, "%.0e", b).replace("e+0", "e").replace("e+", "e");
    }

    /** True when a margin lies within {@link #SPREAD} seed standard deviations of its threshold. */
    static boolean borderline(double margin, double sd) {
        return Double.isFinite(margin) && Double.isFinite(sd) && sd > 0 && Math.abs(margin) <= SPREAD * sd;
    }

    /** Spread of a difference of two seed means. */
    static double combined(Stat a, Stat b) {
        double x = Double.isFinite(a.sd()) ? a.sd() : 0, y = Double.isFinite(b.sd()) ? b.sd() : 0;
        return Math.sqrt(x * x + y * y);
    }

    /** "0.021 (spread ± 0.015, borderline)". */
    static String margin(double m, double sd) {
        if (!Double.isFinite(m)) return "n/a";
        return Evidence.fmt(m) + " (spread ± " + Evidence.fmt(Double.isFinite(sd) ? sd : 0) + (borderline(m, sd) ? ", borderline)" : ")");
    }

    private static String pct(double f) { return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * f); }

    private static String yes(boolean b) { return b ? "yes" : "no"; }
}
