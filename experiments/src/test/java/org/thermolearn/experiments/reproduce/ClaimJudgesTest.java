package org.thermolearn.experiments.reproduce;

import org.junit.jupiter.api.Test;
import org.thermolearn.experiments.reproduce.Evidence.Series;
import org.thermolearn.experiments.reproduce.Verdict.Kind;
import org.thermolearn.thermo.metric.Metric;
import org.thermolearn.thermo.metric.RunView;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.SpectraTable;
import org.thermolearn.thermo.record.SpectrumRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each claim judge is a pure function from evidence to a verdict: here it is fed synthetic runs (in-memory tables,
 * no training) built so that every verdict a judge can give comes out, and the decision functions are checked for
 * the borderline cases.
 */
class ClaimJudgesTest {

    static final int ROWS = 11;
    static final double N_G = 100;

    /** A synthetic run: metrics columns by name (one value per checkpoint) and optional all-N spectra per checkpoint. */
    static Series run(String role, int seed, Map<String, double[]> cols, double[][] spectra) {
        List<ColumnSpec> specs = new ArrayList<>(Metric.keyColumns());
        for (String c : cols.keySet()) specs.add(ColumnSpec.float64(c, "1", c, ""));
        int n = cols.values().iterator().next().length;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("checkpoint", (long) i);
            r.put("epoch", (long) i);
            r.put("step", 10L * i);
            for (var e : cols.entrySet()) r.put(e.getKey(), e.getValue()[i]);
            rows.add(r);
        }
        String name = role + "-s" + seed;
        Path file = Path.of("synthetic", name, "metrics.arrow");
        MetricsTable m = new MetricsTable(file, specs, Map.of(), rows, false, 0, true);
        SpectraTable s = null;
        if (spectra != null) {
            List<SpectrumRow> sr = new ArrayList<>();
            for (int i = 0; i < spectra.length; i++) {
                for (String sp : List.of(SpectrumRow.ALL, SpectrumRow.CLAMPED)) sr.add(new SpectrumRow(i, i, 10L * i, sp, (long) N_G, (long) N_G - spectra[i].length, spectra[i]));
            }
            s = new SpectraTable(Path.of("synthetic", name, "spectra.arrow"), Map.of(), sr, spectra.length, false, 0, true);
        }
        return new Series(name, role, Evidence.ROLES.indexOf(role) + 1, seed, "", "done", RunView.of(name, m, s));
    }

    static Evidence evidence(List<Series> runs) { return new Evidence(Path.of("synthetic"), "test", runs, null); }

    /** The one borderline rule holds for a verdict: borderline exactly when its decisive margin is inside the seed spread, and the margin is shown. */
    static Verdict checked(Verdict v) {
        assertEquals(v.kind() == Kind.BORDERLINE, v.margin().borderline(), v.kind() + " with margin " + v.margin() + ": " + v.reason());
        assertTrue(Double.isFinite(v.margin().value()), "every verdict shows a margin: " + v.reason());
        return v;
    }

    /** A series of {@code n} checkpoints. */
    static double[] series(int n, IntToDoubleFunction f) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = f.applyAsDouble(i);
        return v;
    }

    /** The seed of a {@link #perSpace} key ("deep21" → 1). */
    static int seed(String key) { return key.charAt(key.length() - 1) - '0'; }

    static double[] series(IntToDoubleFunction f) {
        double[] v = new double[ROWS];
        for (int i = 0; i < ROWS; i++) v[i] = f.applyAsDouble(i);
        return v;
    }

    static String col(Metric m) { return m.column(); }

    static String all(Metric m) { return m.column(IntegrationSpace.ALL); }

    // ------------------------------------------------------------------ P14 first law

    /** U falls geometrically; T̂ = 2U/N_G; the fluctuation temperature is T̂ × {@code flFactor(i)}. */
    static Series firstLawRun(String role, int seed, IntToDoubleFunction flFactor) {
        double[] u = series(i -> Math.exp(-0.3 * i)), t = series(i -> 2 * Math.exp(-0.3 * i) / N_G);
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put(col(Metric.U_BULK), u);
        c.put(all(Metric.TEMPERATURE), t);
        c.put(all(Metric.BETA_FL), series(i -> 1 / (t[i] * flFactor.applyAsDouble(i))));
        c.put(all(Metric.N_G), series(i -> N_G));
        c.put(all(Metric.C_GT), series(i -> -0.001 * i));
        return run(role, seed, c, null);
    }

    @Test
    void firstLawIsReproducedOnlyByTheFluctuationTemperature() {
        List<Series> holds = new ArrayList<>(), fails = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            holds.add(firstLawRun(role, 1, i -> 1.0));
            fails.add(firstLawRun(role, 1, i -> 1 + 3 * (i % 2))); // a jumpy T_fl: ΔU ≠ T_fl ΔS₀
        }
        assertEquals(Kind.REPRODUCED, checked(Claims.firstLaw(evidence(holds))).kind());
        Verdict no = checked(Claims.firstLaw(evidence(fails)));
        assertEquals(Kind.NOT_REPRODUCED, no.kind(), no.reason());
        assertTrue(no.reason().contains("identity"), "the (S23) identity is named, not counted: " + no.reason());
        // T_fl = c T̂ with a constant c per seed gives ρ = |1 − c|: seeds at ρ = 0.1, 0.2, 0.3 straddle the tolerance 0.2
        List<Series> near = new ArrayList<>();
        for (String role : Evidence.ROLES) for (int s = 1; s <= 3; s++) { final double c = 1 + 0.1 * s; near.add(firstLawRun(role, s, i -> c)); }
        Verdict b = checked((Claims.firstLaw(evidence(near))));
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertEquals(0.0, b.margin().value(), 1e-6, "mean ρ 0.2 against 0.2");
        assertEquals(0.1, b.margin().spread(), 1e-6);
        assertTrue(b.reason().contains("'not reproduced'"), "the threshold verdict is named: " + b.reason());
    }

    // ------------------------------------------------------------------ P9 complexity

    static Series complexityRun(String role, int seed, IntToDoubleFunction c, IntToDoubleFunction rank, double lnDet) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(col(Metric.U_BOUNDARY), series(i -> Math.exp(-0.4 * i)));
        m.put(all(Metric.C_GT), series(c));
        m.put(all(Metric.EFFECTIVE_RANK), series(rank));
        m.put(all(Metric.C_LN_DET), series(i -> lnDet));
        return run(role, seed, m, null);
    }

    static Verdict complexity(IntToDoubleFunction c, IntToDoubleFunction rank, double lnDet) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) for (int s = 1; s <= 3; s++) rs.add(complexityRun(role, s, c, rank, lnDet));
        return checked(Claims.complexity(evidence(rs)));
    }

    @Test
    void complexityVerdictsFollowMonotonyAndLinearityInTheLogLoss() {
        IntToDoubleFunction linear = i -> -0.5 * i, flatRank = i -> 100, fallingRank = i -> 100 - i;
        // C linear in ln U_∂ and monotone: reproduced under (b); (a) ≡ 0 makes it depend on the reading
        assertEquals(Kind.DEPENDS_ON_READING, complexity(linear, flatRank, 0).kind());
        assertEquals(Kind.REPRODUCED, complexity(linear, flatRank, 0.3).kind());
        // monotone but far from linear in ln U_∂ (Pearson ≈ 0.7; Spearman is 1 for any monotone curve): partly
        Verdict partly = complexity(i -> -Math.exp(i), flatRank, 0.3);
        assertEquals(Kind.PARTLY, partly.kind(), partly.reason());
        // not monotone: (c) decreasing makes it depend on the reading, otherwise not reproduced
        IntToDoubleFunction zigzag = i -> (i % 2 == 0 ? -0.1 : 0.1) * i;
        assertEquals(Kind.DEPENDS_ON_READING, complexity(zigzag, fallingRank, 0.3).kind());
        assertEquals(Kind.NOT_REPRODUCED, complexity(zigzag, flatRank, 0.3).kind());
        assertEquals(Kind.BORDERLINE, Claims.complexityVerdict(new Verdict.Table("x"), "r.", true, true, true, false, false).kind());
    }

    @Test
    void spearmanAndPearsonOnTheLogOfTheLoss() {
        double[] u = series(i -> Math.exp(-i)), c = series(i -> -2.0 * i);
        assertEquals(1.0, Claims.pearson(c, Claims.log(u)), 1e-12, "C linear in ln U_∂");
        assertEquals(1.0, Claims.spearman(c, u), 1e-12);
        assertTrue(Claims.pearson(c, u) < 0.8, "linear U_∂ is dominated by the first points: " + Claims.pearson(c, u));
        assertEquals(-0.8, Claims.spearman(new double[] {1, 2, 3, 4}, new double[] {9, 7, 7.5, 1}), 1e-12);
        assertEquals(List.of(1.0, 2.5, 2.5, 4.0), java.util.Arrays.stream(Claims.ranks(new double[] {1, 5, 5, 9})).boxed().toList());
    }

    // ------------------------------------------------------------------ P6 bulk vs boundary

    static Verdict bulk(double[] shallowEnd, double deep2, double deep3, double worst) {
        List<Series> rs = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            for (int s = 0; s < 3; s++) {
                double end = h == 0 ? shallowEnd[s] : (h == 1 ? deep2 : deep3) + 0.01 * s;
                Map<String, double[]> m = new LinkedHashMap<>();
                m.put(col(Metric.BULK_TO_BOUNDARY), series(i -> i == 1 ? worst : i == ROWS - 1 ? end : 0.9));
                m.put(col(Metric.U_BOUNDARY), series(i -> 1.0 / (i + 1)));
                m.put(col(Metric.U_BULK), series(i -> 0.5 / (i + 1)));
                rs.add(run(Evidence.ROLES.get(h), s + 1, m, null));
            }
        }
        return checked(Claims.bulkBelowBoundary(evidence(rs)));
    }

    @Test
    void bulkBelowBoundaryVerdictsIncludingBorderline() {
        assertEquals(Kind.REPRODUCED, bulk(new double[] {0.40, 0.41, 0.42}, 0.3, 0.2, 0.95).kind());
        assertEquals(Kind.PARTLY, bulk(new double[] {0.60, 0.61, 0.62}, 0.3, 0.2, 0.95).kind());
        assertEquals(Kind.NOT_REPRODUCED, bulk(new double[] {0.40, 0.41, 0.42}, 0.3, 0.2, 1.2).kind());
        Verdict b = bulk(new double[] {0.44, 0.48, 0.52}, 0.3, 0.2, 0.95); // shallow 0.48 ± 0.04 against 0.5
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
    }

    // ------------------------------------------------------------------ S30 Laplacian at the runs' own temperature

    @Test
    void laplacianIsJudgedAtTheRunsTemperatureAndDependsOnTheCoordinates() {
        List<Series> rs = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            for (int s = 0; s < 3; s++) {
                double[] y = new double[60];
                for (int i = 0; i < y.length; i++) y[i] = h == 0 ? (i % 2 == 0 ? 1 : -1) * (0.5 + 0.01 * i + 0.001 * s) : 0.8 - (6 + h) * i / 59.0;
                java.util.Arrays.sort(y);
                Map<String, double[]> m = new LinkedHashMap<>();
                m.put(all(Metric.BETA_HAT), series(i -> 1e4));
                m.put(all(Metric.BETA_FL), series(i -> 1e3));
                rs.add(run(Evidence.ROLES.get(h), s + 1, m, new double[][] {y}));
            }
        }
        Verdict v = checked(Claims.laplacian(evidence(rs)));
        // a left tail raises the ln λ excess at large β (φ″ > 0 there) but lowers the λ excess (−λ⁻²): the coordinates decide
        assertEquals(Kind.DEPENDS_ON_READING, v.kind(), v.reason());
        assertTrue(v.reason().contains("Deep nets are ahead only in ln λ at β̂ (S23)"), v.reason());
        assertTrue(v.reason().contains("1: shallow") && v.reason().contains("1e4: deep") && v.reason().contains("1e6: ≈ 0"), "the β grid shows where the ranking flips: " + v.reason());
        Evidence.Stat tiny = Evidence.Stat.of(new double[] {1e-200, 2e-200}), tinier = Evidence.Stat.of(new double[] {1e-300, 0});
        Claims.Comparison under = Claims.deeperWins(new Evidence.Stat[] {tinier, tiny, tiny});
        assertTrue(under.vanishing() && Double.isNaN(under.value()), "an underflowed excess decides nothing and is never the decisive margin");
        Verdict.Table t = new Verdict.Table("x");
        Claims.Outcome D = Claims.Outcome.DEEP, S = Claims.Outcome.SHALLOW, U = Claims.Outcome.UNDECIDED;
        Claims.Outcome[][] yes = {{D, D}, {D, D}}, no = {{S, S}, {S, S}}, partial = {{U, D}, {D, D}}, none = {{U, U}, {U, U}};
        List<Verdict.Margin> clear = List.of(new Verdict.Margin("d", 0.5, 0.1)), close = List.of(new Verdict.Margin("d", 0.1, 0.1));
        assertEquals(Kind.REPRODUCED, Claims.laplacianVerdict(t, "r. ", yes, clear).kind());
        assertEquals(Kind.NOT_REPRODUCED, Claims.laplacianVerdict(t, "r. ", no, clear).kind());
        assertEquals(Kind.BORDERLINE, Claims.laplacianVerdict(t, "r. ", yes, close).kind());
        Verdict und = Claims.laplacianVerdict(t, "r. ", partial, clear);
        assertEquals(Kind.DEPENDS_ON_READING, und.kind(), "an undecided reading keeps it from 'reproduced'");
        assertTrue(und.reason().contains("Undecided (every excess ≈ 0 at that β): ln λ at β̂ (S23)"), und.reason());
        assertEquals(Kind.NOT_REPRODUCED, Claims.laplacianVerdict(t, "r. ", none, clear).kind());
        checked(v);
    }

    // ------------------------------------------------------------------ P5 asymmetry grows with depth

    static Verdict depth(double[] gammaEnd, double jitter) { return depth(gammaEnd, jitter, false); }

    /** γ at the end per depth (± jitter over seeds); μ₃ = γ/10, or in the clamped space reversed in depth when asked. */
    static Verdict depth(double[] gammaEnd, double jitter, boolean clampedMu3Reversed) {
        List<Series> rs = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            for (int s = 0; s < 3; s++) {
                double g = gammaEnd[h] + jitter * (s - 1);
                Map<String, double[]> m = new LinkedHashMap<>();
                for (IntegrationSpace sp : IntegrationSpace.values()) {
                    m.put(Metric.SKEWNESS_NT.column(sp), series(i -> i == ROWS - 1 ? g : 0.0));
                    double mu = clampedMu3Reversed && sp == IntegrationSpace.CLAMPED ? (gammaEnd[2 - h] + jitter * (s - 1)) / 10 : g / 10;
                    m.put(Metric.MU3.column(sp), series(i -> i == ROWS - 1 ? mu : 0.0));
                }
                rs.add(run(Evidence.ROLES.get(h), s + 1, m, null));
            }
        }
        return checked(Claims.depthAsymmetry(evidence(rs)));
    }

    @Test
    void depthAsymmetryVerdictsIncludingBorderline() {
        assertEquals(Kind.REPRODUCED, depth(new double[] {-0.01, -0.3, -0.6}, 0.01).kind());
        assertEquals(Kind.NOT_REPRODUCED, depth(new double[] {-0.6, -0.3, -0.01}, 0.01).kind());
        Verdict mu3 = depth(new double[] {-0.01, -0.3, -0.6}, 0.01, true); // γ monotone everywhere, μ₃ reversed in the clamped space
        assertEquals(Kind.DEPENDS_ON_READING, mu3.kind(), mu3.reason());
        Verdict b = depth(new double[] {-0.01, -0.3, -0.35}, 0.05); // 2 → 3 hidden: 0.05 apart with a spread of 0.05 per seed
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
    }

    // ------------------------------------------------------------------ G1 Gaussian check

    static GaussianCheck.Result mcmc(double uFactor, double covFixed, double covBias) {
        List<GaussianCheck.BetaPoint> ps = new ArrayList<>();
        for (double beta : new double[] {1, 10, 100}) {
            double u = 6 / beta;
            ps.add(new GaussianCheck.BetaPoint(beta, u, u * uFactor, 0.001 * u, u, 1, 1, 0.8, 0.1, 500, 1.01, covFixed / beta, covBias, 0.02, 0.01,
                    0.1, 0.5, new double[0], new double[0], 1));
        }
        double breakdown = covFixed / 1 > 0.1 ? 1 : Double.NaN, agree = covFixed / 1 > 0.1 ? 10 : 1;
        return new GaussianCheck.Result("6-5-4-3", "test", 12, "u", 4, 100, 100, 8, 1000, 0.1, new double[0], new double[0], ps, breakdown, agree, 1);
    }

    @Test
    void gaussianVerdictNamesTheDefaultOperatorsError() {
        Verdict ok = checked(Claims.gaussian(new Evidence(Path.of("s"), "test", List.of(), mcmc(1, 0.05, 0.85))));
        assertEquals(Kind.REPRODUCED, ok.kind());
        assertTrue(ok.reason().contains("default operator") && ok.reason().contains("0.85"), ok.reason());
        assertEquals(Kind.PARTLY, checked(Claims.gaussian(new Evidence(Path.of("s"), "test", List.of(), mcmc(1, 0.5, 0.9)))).kind());
        assertEquals(Kind.NOT_REPRODUCED, checked(Claims.gaussian(new Evidence(Path.of("s"), "test", List.of(), mcmc(1.5, 0.05, 0.9)))).kind());
    }

    // ------------------------------------------------------------------ S20, H1, H2, H3, P7

    /** One run per role and seed from per-space column values (the same in both spaces unless the function says otherwise). */
    static Evidence perSpace(java.util.function.BiFunction<String, IntegrationSpace, Map<String, double[]>> cols, double[][] spectra) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            for (int seed = 1; seed <= 3; seed++) {
                Map<String, double[]> m = new LinkedHashMap<>();
                for (IntegrationSpace sp : IntegrationSpace.values()) m.putAll(cols.apply(role + seed, sp));
                rs.add(run(role, seed, m, spectra));
            }
        }
        return evidence(rs);
    }

    @Test
    void sumLnLambdaIsReproducedOnlyAtRoundOff() {
        assertEquals(Kind.REPRODUCED, checked(Claims.sumLnLambda(perSpace((r, sp) -> Map.of(Metric.SUM_LN_LAMBDA.column(sp), series(i -> 1e-13 * i)), null))).kind());
        assertEquals(Kind.NOT_REPRODUCED, checked(Claims.sumLnLambda(perSpace((r, sp) -> Map.of(Metric.SUM_LN_LAMBDA.column(sp), series(i -> 1e-3 * i)), null))).kind());
    }

    static Map<String, double[]> widening(IntegrationSpace sp, boolean widens) {
        double w = widens ? 0.1 : -0.05;
        return Map.of(Metric.MU2_NT.column(sp), series(i -> 1 + w * i), Metric.LN_LAMBDA_MIN.column(sp), series(i -> -1 - w * i),
                Metric.LN_LAMBDA_MAX.column(sp), series(i -> 1 + w * i));
    }

    @Test
    void histogramsWiden() {
        assertEquals(Kind.REPRODUCED, checked(Claims.spreads(perSpace((r, sp) -> widening(sp, true), null))).kind());
        assertEquals(Kind.PARTLY, checked(Claims.spreads(perSpace((r, sp) -> widening(sp, sp == IntegrationSpace.ALL), null))).kind());
        assertEquals(Kind.NOT_REPRODUCED, checked(Claims.spreads(perSpace((r, sp) -> widening(sp, false), null))).kind());
    }

    @Test
    void shallowSymmetryDependsOnTheSpace() {
        assertEquals(Kind.REPRODUCED, checked(Claims.shallowSymmetric(perSpace((r, sp) -> Map.of(Metric.SKEWNESS_NT.column(sp), series(i -> 0.001)), null))).kind());
        assertEquals(Kind.DEPENDS_ON_READING, checked(Claims.shallowSymmetric(perSpace((r, sp) -> Map.of(Metric.SKEWNESS_NT.column(sp),
                series(i -> sp == IntegrationSpace.ALL ? -0.1 : 0.0)), null))).kind());
        assertEquals(Kind.NOT_REPRODUCED, checked(Claims.shallowSymmetric(perSpace((r, sp) -> Map.of(Metric.SKEWNESS_NT.column(sp), series(i -> -0.1)), null))).kind());
    }

    /** Deep spectra: a hump at +{@code hump} and a left tail; γ per space from the function. */
    static Verdict deep(java.util.function.ToDoubleFunction<IntegrationSpace> gamma, double[] medians) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            for (int seed = 1; seed <= 3; seed++) {
                double med = medians[seed - 1];
                double[] y = new double[41];
                for (int i = 0; i < y.length; i++) y[i] = i < 20 ? med - 5 + 0.2 * i : i == 20 ? med : med + 0.01 * (i - 20);
                Map<String, double[]> m = new LinkedHashMap<>();
                for (IntegrationSpace sp : IntegrationSpace.values()) {
                    m.put(Metric.SKEWNESS_NT.column(sp), series(i -> gamma.applyAsDouble(sp)));
                    m.put(Metric.S33_EIGEN.column(sp), series(i -> -1.0));
                }
                rs.add(run(role, seed, m, new double[][] {y}));
            }
        }
        return checked(Claims.deepAsymmetric(evidence(rs)));
    }

    @Test
    void deepAsymmetryVerdictsIncludingBorderline() {
        assertEquals(Kind.REPRODUCED, deep(sp -> -0.5, new double[] {0.5, 0.6, 0.7}).kind());
        assertEquals(Kind.PARTLY, deep(sp -> -0.5, new double[] {-0.5, -0.6, -0.7}).kind());
        Verdict b = deep(sp -> -0.5, new double[] {0.001, 0.004, 0.007}); // median 0.004 ± 0.003 (the audit's deep2 clamped case)
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertEquals(Kind.DEPENDS_ON_READING, deep(sp -> sp == IntegrationSpace.ALL ? -0.5 : 0.0, new double[] {0.5, 0.6, 0.7}).kind());
        assertEquals(Kind.NOT_REPRODUCED, deep(sp -> 0.1, new double[] {0.5, 0.6, 0.7}).kind());
    }

    /** Three seeds per role, {@code n} checkpoints; U_∂ and U per (role, seed). */
    static Verdict trajectory(int n, java.util.function.BiFunction<String, Integer, IntToDoubleFunction> boundary, IntToDoubleFunction bulk) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            for (int seed = 1; seed <= 3; seed++) {
                Map<String, double[]> m = new LinkedHashMap<>();
                m.put(col(Metric.U_BOUNDARY), series(n, boundary.apply(role, seed)));
                m.put(col(Metric.U_BULK), series(n, bulk));
                rs.add(run(role, seed, m, null));
            }
        }
        return checked(Claims.lossTrajectory(evidence(rs)));
    }

    @Test
    void lossTrajectoryResolvesPlateausOfTheBoundaryLossOrShowsThemAbsent() {
        IntToDoubleFunction u = i -> Math.exp(-0.1 * i);
        IntToDoubleFunction steps = i -> Math.exp(-0.3 * (i / 5)); // U_∂ flat over five checkpoints, then a drop: plateaus while U falls 40 %
        Verdict resolved = trajectory(30, (r, s) -> steps, u);
        assertEquals(Kind.REPRODUCED, resolved.kind(), resolved.reason());
        assertEquals(0.25, resolved.margin().value(), 1e-9, "ratio 0 on a plateau: margin 0.25 − 0, " + resolved.margin());
        Verdict absent = trajectory(30, (r, s) -> u, u); // U_∂ falls with U everywhere: ratio 1
        assertEquals(Kind.PARTLY, absent.kind(), absent.reason());
        assertTrue(absent.reason().contains("plateaus are absent"), absent.reason());
        assertEquals(-0.75, absent.margin().value(), 1e-9);
        Verdict some = trajectory(30, (r, s) -> r.equals("shallow") ? steps : u, u);
        assertEquals(Kind.PARTLY, some.kind(), some.reason());
        assertTrue(some.reason().contains("resolved in 1 of 3"), some.reason());
        Verdict coarse = trajectory(11, (r, s) -> steps, u); // the old 11-checkpoint schedule cannot tell
        assertEquals(Kind.PARTLY, coarse.kind(), coarse.reason());
        assertTrue(coarse.reason().contains("not resolvable with 11 checkpoints"), coarse.reason());
        Verdict up = trajectory(30, (r, s) -> i -> 1 + 0.1 * i, u);
        assertEquals(Kind.NOT_REPRODUCED, up.kind(), up.reason());
        // U_∂ ∝ U^r with r = 0.15, 0.25, 0.35 by seed: every stretch has slope r, the margin 0.25 − r is 0 ± 0.1
        Verdict near = trajectory(30, (r, s) -> i -> Math.exp(-0.1 * (0.05 + 0.1 * s) * i), u);
        assertEquals(Kind.BORDERLINE, near.kind(), near.reason());
        assertEquals(0.1, near.margin().spread(), 1e-9);
    }

    @Test
    void flattestStretchSpansSeveralCheckpoints() {
        // each interval moves U by 3 % (< 5 %): a stretch of four checkpoints does, and U_∂ is flat across it
        double[] ep = series(10, i -> i), u = series(10, i -> Math.exp(-0.03 * i)), ub = series(10, i -> i < 5 ? 1.0 : Math.exp(-0.2 * (i - 4)));
        double[] f = Claims.flattestBoundaryStretch(ep, ub, u);
        assertEquals(0.0, f[0], 1e-12);
        assertEquals(0.0, f[1]);
        assertTrue(f[2] >= 2 && f[2] <= 4, "a stretch inside the flat part: " + java.util.Arrays.toString(f));
        assertEquals(Double.POSITIVE_INFINITY, Claims.flattestBoundaryStretch(ep, ub, series(10, i -> 1.0))[0], "U never falls: no stretch");
        // SGD noise shared by both losses (they rise and fall together) is not a plateau: the fitted slope stays near 1
        double[] noise = series(30, i -> 0.15 * Math.sin(2.1 * i)), u2 = series(30, i -> Math.exp(-0.02 * i + noise[i])), ub2 = series(30, i -> Math.exp(-0.02 * i + noise[i]));
        assertTrue(Claims.flattestBoundaryStretch(series(30, i -> i), ub2, u2)[0] > 0.9, "co-moving noise keeps the slope at 1");
    }

    /** T (both readings) rises over the first {@code k(seed)} of 10 intervals, then falls below its start; C = 0, so S follows T. */
    static Verdict secondLawSeeds(java.util.function.IntUnaryOperator risingIntervals) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            for (int seed = 1; seed <= 3; seed++) {
                int k = risingIntervals.applyAsInt(seed);
                IntToDoubleFunction temp = i -> i <= k ? 0.02 * Math.exp(0.01 * i) : 0.02 * Math.exp(0.01 * k - 0.2 * (i - k));
                Map<String, double[]> m = new LinkedHashMap<>();
                m.put(all(Metric.TEMPERATURE), series(temp));
                m.put(all(Metric.BETA_FL), series(i -> 1 / temp.applyAsDouble(i)));
                m.put(all(Metric.N_G), series(i -> N_G));
                m.put(all(Metric.C_GT), series(i -> 0.0));
                m.put(all(Metric.S_TOTAL), series(i -> org.thermolearn.thermo.ensemble.GaussianEnsemble.s0((int) N_G, temp.applyAsDouble(i))));
                rs.add(run(role, seed, m, null));
            }
        }
        return checked(Claims.secondLaw(evidence(rs)));
    }

    @Test
    void secondLawIsBorderlineWhenTheShareOfFallingIntervalsStraddles80Percent() {
        Verdict b = secondLawSeeds(s -> 4 - s); // 3, 2, 1 rising intervals: 70 %, 80 %, 90 % falling
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertEquals(0.0, b.margin().value(), 1e-9);
        assertEquals(Kind.REPRODUCED, secondLawSeeds(s -> 0).kind());
    }

    @Test
    void sumLnLambdaIsBorderlineWhenTheSeedsStraddleRoundOff() {
        // per-run max |Σ ln λ| 0.6e-8, 1.0e-8, 1.4e-8 against 1e-8: margin 0 ± 0.4e-8
        Verdict b = checked(Claims.sumLnLambda(perSpace((r, sp) -> Map.of(Metric.SUM_LN_LAMBDA.column(sp), series(i -> (0.2 + 0.4 * seed(r)) * 1e-8 * i / (ROWS - 1))), null)));
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertEquals(0.4e-8, b.margin().spread(), 1e-12);
    }

    @Test
    void histogramWideningIsBorderlineWhenASeedNarrows() {
        // μ₂ and the range change by 10 w with w = −0.01, 0.01, 0.03: one seed narrows, the mean widens by 0.1 ± 0.2
        Verdict b = checked(Claims.spreads(perSpace((r, sp) -> {
            double w = -0.03 + 0.02 * seed(r);
            return Map.of(Metric.MU2_NT.column(sp), series(i -> 1 + w * i), Metric.LN_LAMBDA_MIN.column(sp), series(i -> -1 - w * i),
                    Metric.LN_LAMBDA_MAX.column(sp), series(i -> 1 + w * i));
        }, null)));
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertTrue(b.reason().contains("'partly'"), b.reason());
    }

    @Test
    void shallowSymmetryIsBorderlineWhenMaxGammaStraddlesTheThreshold() {
        // all-N max |γ| 0.01, 0.02, 0.03 against 0.02; clamped exactly 0
        Verdict b = checked(Claims.shallowSymmetric(perSpace((r, sp) -> Map.of(Metric.SKEWNESS_NT.column(sp),
                series(i -> sp == IntegrationSpace.ALL ? -0.01 * seed(r) : 0.0)), null)));
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
        assertEquals(0.0, b.margin().value(), 1e-12);
    }

    @Test
    void twoPartVerdictsFromSyntheticCurves() {
        double[] y = Claims.twoPartGrid();
        java.util.function.BiFunction<Integer, java.util.function.DoubleUnaryOperator, double[][]> curves = (unused, left) -> {
            double[][] f = new double[Claims.DELTA_F_BETAS.length][y.length];
            for (int b = 0; b < f.length; b++) for (int i = 0; i < y.length; i++) f[b][i] = y[i] < 0 ? left.applyAsDouble(y[i]) : b == 0 ? y[i] * y[i] : 0;
            return f;
        };
        Verdict hump = checked(Claims.twoPartVerdict(y, curves.apply(0, x -> 1 + 10 * Math.exp(-(x + 6) * (x + 6))), 100));
        assertEquals(Kind.REPRODUCED, hump.kind(), hump.reason());
        Verdict noHump = checked(Claims.twoPartVerdict(y, curves.apply(0, x -> x * x), 100));
        assertEquals(Kind.PARTLY, noHump.kind(), noHump.reason());
        assertEquals(Kind.NOT_REPRODUCED, checked(Claims.twoPartVerdict(y, curves.apply(0, x -> 0.0), 100)).kind());
        assertEquals(0.0, noHump.margin().spread(), "the runs only scale ΔF: no seed spread, never borderline");
    }

    @Test
    void gaussianIsBorderlineWhenTheCovarianceErrorIsWithinItsSamplingNoise() {
        Verdict b = checked(Claims.gaussian(new Evidence(Path.of("s"), "test", List.of(), mcmc(1, 0.115, 0.9)))); // 0.115 vs 0.1, noise 0.01
        assertEquals(Kind.BORDERLINE, b.kind(), b.reason());
    }

    @Test
    void complexityAndTheOneBorderlineRule() {
        Verdict.Table t = new Verdict.Table("x");
        Verdict v = Claims.judged(t, List.of(new Verdict.Margin("a", 0.5, 0.1), new Verdict.Margin("b", 0.05, 0.04)), Kind.REPRODUCED, "r.");
        assertEquals(Kind.BORDERLINE, v.kind());
        assertEquals("b", v.margin().quantity(), "the decisive margin is the one closest to its threshold in seed sd");
        assertEquals(Kind.REPRODUCED, Claims.judged(t, List.of(new Verdict.Margin("a", 0.5, 0.1)), Kind.REPRODUCED, "r.").kind());
        // "every one holds": the weakest pass, or the strongest failure; "at least one": the strongest member
        List<Verdict.Margin> ms = List.of(new Verdict.Margin("p", 0.5, 0.1), new Verdict.Margin("f1", -0.05, 0.1), new Verdict.Margin("f2", -0.9, 0.1));
        assertEquals("f2", Claims.allOf(ms).quantity());
        assertEquals("p", Claims.anyOf(ms).quantity());
    }

    static Verdict secondLaw(IntToDoubleFunction temp, IntToDoubleFunction tempFl, IntToDoubleFunction c) {
        List<Series> rs = new ArrayList<>();
        for (String role : Evidence.ROLES) {
            Map<String, double[]> m = new LinkedHashMap<>();
            m.put(all(Metric.TEMPERATURE), series(temp));
            m.put(all(Metric.BETA_FL), series(i -> 1 / tempFl.applyAsDouble(i)));
            m.put(all(Metric.N_G), series(i -> N_G));
            m.put(all(Metric.C_GT), series(c));
            m.put(all(Metric.S_TOTAL), series(i -> org.thermolearn.thermo.ensemble.GaussianEnsemble.s0((int) N_G, temp.applyAsDouble(i)) + c.applyAsDouble(i)));
            rs.add(run(role, 1, m, null));
        }
        return checked(Claims.secondLaw(evidence(rs)));
    }

    @Test
    void secondLawVerdicts() {
        IntToDoubleFunction falling = i -> Math.exp(-0.2 * i) / 50, rising = i -> Math.exp(0.2 * i) / 50, constant = i -> 0.02;
        assertEquals(Kind.REPRODUCED, secondLaw(falling, falling, i -> -0.1 * i).kind());
        assertEquals(Kind.DEPENDS_ON_READING, secondLaw(falling, constant, i -> 0.0).kind());
        assertEquals(Kind.PARTLY, secondLaw(falling, falling, i -> 1000.0 * i).kind());
        assertEquals(Kind.NOT_REPRODUCED, secondLaw(rising, rising, i -> 0.0).kind());
    }

    @Test
    void twoPartDeltaFIsJudgedFromTheTheoryCurves() {
        Verdict v = checked(Claims.twoPart(evidence(List.of())));
        assertTrue(v.reason().startsWith("Illustrative only"), v.reason());
        assertEquals(Claims.DELTA_F_BETAS.length, v.rows().size(), "one row per β");
    }

    // ------------------------------------------------------------------ a missing column is reported, not a silent NaN

    @Test
    void aMissingColumnMakesTheVerdictSayWhichAndWhere() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(col(Metric.U_BOUNDARY), series(i -> 1.0 / (i + 1)));
        Claim p6 = Claims.all().stream().filter(c -> c.id().equals("P6")).findFirst().orElseThrow();
        Verdict v = p6.verdict(evidence(List.of(run("shallow", 1, m, null))));
        assertEquals(Kind.NOT_REPRODUCED, v.kind());
        assertTrue(v.reason().contains("could not be evaluated") && v.reason().contains("bulk_to_boundary") && v.reason().contains("shallow-s1"), v.reason());
    }
}
