package org.thermolearn.thermo;

import org.thermolearn.thermo.stochastic.Estimate;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stochastic route's estimates of one snapshot and space set against the exact route's values, with the
 * tolerances of issue 11: C_&gt;(1) (S21), μ₂, μ₂^nt (S35), ln λ_min/max and ∇²F(ln λ) (S30) within 1 % relative, γ
 * (S35) within 0.02 absolute, the ln λ histogram (A16) within 0.02 Wasserstein-1 (ln λ units). One definition for
 * the unit test of the route and the accuracy benchmarks.
 *
 * @param space       the space compared
 * @param rows        one row per scalar (a NaN tolerance: reported, not judged)
 * @param histogramW1 Wasserstein-1 distance between the exact and the estimated histogram, ln λ units
 */
public record RouteComparison(String space, List<Row> rows, double histogramW1) {

    /** The bound on the histogram's Wasserstein-1 distance (ln λ units). */
    public static final double HISTOGRAM_W1_TOLERANCE = 0.02;

    /** One scalar: exact value, estimate ± SE, relative or absolute error and its tolerance. */
    public record Row(String name, double exact, Estimate estimate, boolean relative, double tolerance) {
        public double error() {
            double d = Math.abs(estimate.value() - exact);
            return relative ? d / Math.abs(exact) : d;
        }

        /** |estimate − exact| / SE (0 when the SE is 0). */
        public double z() { return estimate.se() == 0 ? 0 : Math.abs(estimate.value() - exact) / estimate.se(); }

        public boolean ok() { return Double.isNaN(tolerance) || error() <= tolerance; }

        public String format() {
            return String.format(Locale.ROOT, "  %-24s exact %14.6g  est %14.6g  SE %10.3g  %s err %9.2e  |err|/SE %5.2f %s", name, exact,
                    estimate.value(), estimate.se(), relative ? "rel" : "abs", error(), z(), Double.isNaN(tolerance) ? "" : ok() ? "ok" : "OVER");
        }
    }

    /** Compares the same space analysed by the exact route ({@code exact}) and by the stochastic route ({@code est}). */
    public static RouteComparison of(SpaceAnalysis exact, SpaceAnalysis est) {
        StochasticSpectrum st = est.stochastic();
        if (st == null || exact.spectrum() == null) throw new IllegalArgumentException("need an exact and a stochastic analysis of the same space");
        double[] y = exact.spectrum().lnLambdaNontrivial();
        List<Row> r = new ArrayList<>();
        r.add(new Row("C_>(1) (S21)", exact.complexity().cGt(), st.cGt(), true, 0.01));
        r.add(new Row("mu2 (S35)", exact.moments().mu(2), st.mu()[2], true, 0.01));
        r.add(new Row("mu2_nt (S35)", exact.moments().muNt(2), st.muNt()[2], true, 0.01));
        r.add(new Row("mu3 (S35)", exact.moments().mu(3), st.mu()[3], true, Double.NaN));
        r.add(new Row("gamma (S35)", exact.moments().skewnessNt(), st.skewnessNt(), false, 0.02));
        r.add(new Row("ln lambda_min", y[0], st.lnLambdaMin(), true, 0.01));
        r.add(new Row("ln lambda_max", y[y.length - 1], st.lnLambdaMax(), true, 0.01));
        r.add(new Row("laplacian ln (S30)", exact.laplacianFLnLambda(), st.laplacianLnLambda(), true, 0.01));
        r.add(new Row("laplacian lambda (S30)", exact.laplacianFLambda(), st.laplacianLambda(), true, Double.NaN));
        r.add(new Row("kappa2", exact.moments().kappa(2), st.kappa()[2], true, Double.NaN));
        double w1 = wasserstein(exact.histogram().counts(), st.density(), exact.histogram().lo(), exact.histogram().hi());
        return new RouteComparison(exact.space().label(), List.copyOf(r), w1);
    }

    /** The rows over their tolerance and the histogram if over, one line each (empty: all within the bounds). */
    public List<String> failures() {
        List<String> f = new ArrayList<>();
        for (Row row : rows) if (!row.ok()) f.add(space + " " + row.format().trim());
        if (!(histogramW1 <= HISTOGRAM_W1_TOLERANCE)) f.add(space + ": histogram W1 = " + histogramW1 + " > " + HISTOGRAM_W1_TOLERANCE);
        return f;
    }

    /** The report: one line per row, then the histogram. */
    public String format() {
        StringBuilder b = new StringBuilder();
        for (Row row : rows) b.append(row.format()).append('\n');
        b.append(String.format(Locale.ROOT, "  %-24s W1 = %.4f ln-lambda units (tolerance %.2f) %s%n", "histogram (A16)", histogramW1,
                HISTOGRAM_W1_TOLERANCE, histogramW1 <= HISTOGRAM_W1_TOLERANCE ? "ok" : "OVER"));
        return b.toString();
    }

    /**
     * Wasserstein-1 distance of two histograms on the same bins of [lo, hi) (each normalised to unit mass):
     * Σ_bins |CDF_exact − CDF_est| × bin width.
     */
    public static double wasserstein(long[] exact, double[] est, double lo, double hi) {
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
}
