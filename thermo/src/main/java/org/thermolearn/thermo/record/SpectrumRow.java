package org.thermolearn.thermo.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of {@code spectra.arrow}: the non-trivial spectrum of G (S11, theory §8) of one
 * checkpoint in one integration space. On the exact route it is the list of logarithms ln λ of the
 * non-trivial eigenvalues, with the count of trivial (λ = 1) eigenvalues left out. On the stochastic
 * route (format version 2, issue 11) there is no eigenvalue list: {@code lnLambda} is empty and the row
 * holds the estimated ln λ histogram ({@code density}: estimated counts per bin of [densityLo, densityHi),
 * with standard errors {@code densitySe}) and the pooled quadrature measure ({@code nodes} ln λ with
 * {@code weights}, summing to about N_G − n_trivial).
 *
 * @param checkpoint checkpoint index (0, 1, 2, … in recording order)
 * @param epoch      training epoch at the checkpoint (fractional for mid-epoch checkpoints)
 * @param step       optimizer steps taken
 * @param space      integration space, {@value #ALL} or {@value #CLAMPED}
 * @param nG         dimension of G in this space
 * @param nTrivial   number of trivial eigenvalues not listed
 * @param lnLambda   the non-trivial ln λ (owned by the row; not copied); empty on the stochastic route
 * @param route      {@value #EXACT} or {@value #STOCHASTIC}
 * @param densityLo  lower edge of the density's range (NaN on the exact route)
 * @param densityHi  upper edge of the density's range (NaN on the exact route)
 * @param density    estimated counts of non-trivial ln λ per equal bin (empty on the exact route)
 * @param densitySe  their standard errors
 * @param nodes      ln λ of the quadrature nodes of all probes (empty on the exact route)
 * @param weights    their weights (the estimated spectral measure)
 */
public record SpectrumRow(long checkpoint, double epoch, long step, String space, long nG, long nTrivial, double[] lnLambda,
                          String route, double densityLo, double densityHi, double[] density, double[] densitySe,
                          double[] nodes, double[] weights) {

    /** Integration over all N neurons (A1a, the default). */
    public static final String ALL = "all";
    /** Inputs clamped: integration over the R non-input (hidden and output) neurons (A1b). */
    public static final String CLAMPED = "clamped";
    /** Route of a row with the eigenvalue list. */
    public static final String EXACT = "exact";
    /** Route of a row with an estimated density. */
    public static final String STOCHASTIC = "stochastic";

    private static final double[] NONE = new double[0];

    public SpectrumRow {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(lnLambda, "lnLambda");
        if (space.isEmpty()) throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " has an empty space name");
        if (nTrivial < 0 || nG < 0) {
            throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " (" + space + "): n_g = " + nG
                    + ", n_trivial = " + nTrivial + " must be non-negative");
        }
        route = route == null || route.isEmpty() ? EXACT : route;
        if (!route.equals(EXACT) && !route.equals(STOCHASTIC)) {
            throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " has route '" + route + "'; expected exact or stochastic");
        }
        density = density == null ? NONE : density;
        densitySe = densitySe == null ? NONE : densitySe;
        nodes = nodes == null ? NONE : nodes;
        weights = weights == null ? NONE : weights;
        if (density.length != densitySe.length || nodes.length != weights.length) {
            throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " (" + space + "): " + density.length + " density bins with "
                    + densitySe.length + " standard errors, " + nodes.length + " nodes with " + weights.length + " weights; they must match");
        }
    }

    /** An exact row (format version 1 fields): the eigenvalue list. */
    public SpectrumRow(long checkpoint, double epoch, long step, String space, long nG, long nTrivial, double[] lnLambda) {
        this(checkpoint, epoch, step, space, nG, nTrivial, lnLambda, EXACT, Double.NaN, Double.NaN, NONE, NONE, NONE, NONE);
    }

    /**
     * The row of one analysed space: its eigenvalue list (exact route) or its estimated density with the quadrature
     * nodes and weights (stochastic route).
     */
    public static SpectrumRow of(long checkpoint, double epoch, long step, org.thermolearn.thermo.SpaceAnalysis s) {
        var st = s.stochastic();
        if (st == null) return new SpectrumRow(checkpoint, epoch, step, s.space().label(), s.nG(), s.nTrivial(), s.spectrum().lnLambdaNontrivial());
        return stochastic(checkpoint, epoch, step, s.space().label(), s.nG(), s.nTrivial(), st.histLo(), st.histHi(), st.density(), st.densitySe(),
                st.lnNodes(), st.nodeWeights());
    }

    /** A stochastic row: no eigenvalue list, the estimated density and the quadrature measure. */
    public static SpectrumRow stochastic(long checkpoint, double epoch, long step, String space, long nG, long nTrivial, double lo, double hi,
                                         double[] density, double[] densitySe, double[] nodes, double[] weights) {
        return new SpectrumRow(checkpoint, epoch, step, space, nG, nTrivial, NONE, STOCHASTIC, lo, hi, density, densitySe, nodes, weights);
    }

    /** True if this row holds an estimated density instead of the eigenvalue list. */
    public boolean isStochastic() { return STOCHASTIC.equals(route); }

    /**
     * The non-trivial ln λ on the exact route; on the stochastic route N_G − n_trivial values placed at the
     * quantiles (i + ½)/n of the estimated spectral measure, so that histograms, medians and quantiles drawn
     * from it follow the estimated density (they are not eigenvalues). Ascending.
     */
    public double[] lnLambdaOrQuantiles() {
        if (!isStochastic()) return lnLambda;
        int n = (int) Math.max(0, nG - nTrivial);
        double[] out = new double[n];
        if (n == 0 || nodes.length == 0) return out;
        Integer[] idx = new Integer[nodes.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(nodes[a], nodes[b]));
        double total = 0;
        for (double w : weights) total += Math.max(0, w);
        int j = 0;
        double cum = Math.max(0, weights[idx[0]]) / total;
        for (int i = 0; i < n; i++) {
            double q = (i + 0.5) / n;
            while (cum < q && j < idx.length - 1) {
                j++;
                cum += Math.max(0, weights[idx[j]]) / total;
            }
            out[i] = nodes[idx[j]];
        }
        return out;
    }

    /** Bitwise equality of every field, ln λ included (NaN payloads and signed zeros matter). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SpectrumRow r)) return false;
        if (checkpoint != r.checkpoint || step != r.step || nG != r.nG || nTrivial != r.nTrivial
                || Double.doubleToRawLongBits(epoch) != Double.doubleToRawLongBits(r.epoch) || !space.equals(r.space)
                || !route.equals(r.route) || Double.doubleToRawLongBits(densityLo) != Double.doubleToRawLongBits(r.densityLo)
                || Double.doubleToRawLongBits(densityHi) != Double.doubleToRawLongBits(r.densityHi)) return false;
        return bits(lnLambda, r.lnLambda) && bits(density, r.density) && bits(densitySe, r.densitySe) && bits(nodes, r.nodes)
                && bits(weights, r.weights);
    }

    private static boolean bits(double[] a, double[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) return false;
        return true;
    }

    @Override
    public int hashCode() { return Objects.hash(checkpoint, space, nTrivial, route) * 31 + Arrays.hashCode(lnLambda) + Arrays.hashCode(density); }

    @Override
    public String toString() {
        return "SpectrumRow[checkpoint=" + checkpoint + ", epoch=" + epoch + ", step=" + step + ", space=" + space
                + ", n_g=" + nG + ", n_trivial=" + nTrivial + ", " + (isStochastic() ? "stochastic, " + density.length + " density bins, "
                + nodes.length + " nodes" : lnLambda.length + " ln λ") + "]";
    }
}
