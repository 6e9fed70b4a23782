package org.thermolearn.thermo.spectrum;

import org.thermolearn.thermo.operator.IntegrationSpace;

import java.util.Arrays;

/**
 * The spectrum of Ĝ (S11) in one integration space, split into its non-trivial part and a count of
 * trivial eigenvalues (theory.md §3.6, §8 item 3, §9 A16). With kinetic eigenvalues κ_i = σ_i(A)²
 * the eigenvalues of Ĝ are λ_i = κ_i + m; κ_i is <em>trivial</em> when |ln κ_i| ≤ τ (τ = 1e-9), i.e.
 * κ_i = 1 (λ_i = 1 + m). Only the non-trivial values are stored, sorted ascending, together with
 * n_trivial and N_G, so every sum over N_G is available without N_G-sized arrays.
 *
 * <p>Every spectrum carries {@link SpectrumChecks} (Σ ln λ, (S33), (S34), P13 by an independent route).
 */
public final class Spectrum {

    /** Default threshold τ on |ln κ| separating trivial eigenvalues (A16). */
    public static final double DEFAULT_TAU = 1e-9;

    private final IntegrationSpace space;
    private final int nG;
    private final int nTrivial;
    private final double mass;
    private final double[] kinetic;   // non-trivial κ = σ², ascending
    private final double[] lnLambda;  // ln(κ + m), ascending
    private final Route route;
    private final boolean leftTailFromInverse;
    private final int compressedSize;
    private final SpectrumChecks checks;
    private final BlockIdentities identities;

    Spectrum(IntegrationSpace space, int nG, int nTrivial, double mass, double[] kineticNontrivialAscending, Route route,
             boolean leftTailFromInverse, int compressedSize, SpectrumChecks checks, BlockIdentities identities) {
        this.space = space;
        this.nG = nG;
        this.nTrivial = nTrivial;
        this.mass = mass;
        this.kinetic = kineticNontrivialAscending;
        this.lnLambda = new double[kinetic.length];
        for (int i = 0; i < kinetic.length; i++) lnLambda[i] = mass == 0 ? Math.log(kinetic[i]) : Math.log(kinetic[i] + mass);
        this.route = route;
        this.leftTailFromInverse = leftTailFromInverse;
        this.compressedSize = compressedSize;
        this.checks = checks;
        this.identities = identities;
    }

    /**
     * A spectrum from all N_G kinetic eigenvalues κ = σ(A)² (any order); used by the solver and by
     * callers that have the full list (tests, other routes).
     */
    public static Spectrum fromKinetic(IntegrationSpace space, int nG, double[] kineticAll, double mass, double tau,
                                       Route route, boolean leftTailFromInverse, BlockIdentities blocks) {
        return fromKineticPart(space, nG, kineticAll, kineticAll.length, mass, tau, route, leftTailFromInverse, blocks);
    }

    /**
     * As {@link #fromKinetic}, but {@code kineticComputed} holds only the {@code computed} eigenvalues of
     * the compressed problem; the other N_G − computed are exactly 1 by construction (§8 item 3, 4).
     */
    static Spectrum fromKineticPart(IntegrationSpace space, int nG, double[] kineticComputed, int computed, double mass,
                                    double tau, Route route, boolean leftTailFromInverse, BlockIdentities blocks) {
        double[] nt = Arrays.stream(kineticComputed).filter(k -> !(Math.abs(Math.log(k)) <= tau)).sorted().toArray();
        int nTrivial = nG - nt.length;
        double sumLn = 0, sum = 0, sumInv = 0, s33 = 0, s34 = 0;
        for (double k : nt) {
            sumLn += Math.log(k);
            sum += k;
            sumInv += 1 / k;
            s33 += k - 1 / k;
            s34 += k + 1 / k - 2;
        }
        sum += nTrivial;
        sumInv += nTrivial;
        SpectrumChecks checks = new SpectrumChecks(sumLn, sum, blocks == null ? Double.NaN : blocks.traceG(), sumInv,
                blocks == null ? Double.NaN : blocks.fro2Inverse(), s33, blocks == null ? Double.NaN : blocks.s33Blocks(), s34,
                blocks == null ? Double.NaN : blocks.s34Blocks());
        return new Spectrum(space, nG, nTrivial, mass, nt, route, leftTailFromInverse, computed, checks, blocks);
    }

    public IntegrationSpace space() { return space; }

    /** N_G, dimension of the integration space. */
    public int nG() { return nG; }

    /** Number of trivial eigenvalues (κ = 1, λ = 1 + m). */
    public int nTrivial() { return nTrivial; }

    /** N_nt, number of non-trivial eigenvalues. */
    public int nNontrivial() { return kinetic.length; }

    /** The mass m of (S11) included in λ. */
    public double mass() { return mass; }

    /** Non-trivial ln λ = ln(κ + m), ascending (a copy). */
    public double[] lnLambdaNontrivial() { return lnLambda.clone(); }

    /** Non-trivial λ = κ + m, ascending (a copy). */
    public double[] lambdaNontrivial() {
        double[] l = kinetic.clone();
        if (mass != 0) for (int i = 0; i < l.length; i++) l[i] += mass;
        return l;
    }

    /** Non-trivial kinetic eigenvalues κ = σ(A)² (mass excluded), ascending (a copy). */
    public double[] kineticNontrivial() { return kinetic.clone(); }

    /** ln λ of a trivial eigenvalue: ln(1 + m) (0 for m = 0). */
    public double trivialLnLambda() { return mass == 0 ? 0.0 : Math.log1p(mass); }

    /** λ of a trivial eigenvalue: 1 + m. */
    public double trivialLambda() { return 1 + mass; }

    /** ln det Ĝ = Σ_{i ≤ N_G} ln λ_i including trivial eigenvalues (S13); 0 for nilpotent F′ŵ and m = 0 (S20). */
    public double lnDetG() {
        double s = nTrivial * trivialLnLambda();
        for (double y : lnLambda) s += y;
        return s;
    }

    /** Σ_i f(λ_i) over all N_G eigenvalues of Ĝ (trivial ones evaluated once and multiplied). */
    public double sumOverLambda(java.util.function.DoubleUnaryOperator f) {
        double s = nTrivial == 0 ? 0 : nTrivial * f.applyAsDouble(trivialLambda());
        for (double k : kinetic) s += f.applyAsDouble(k + mass);
        return s;
    }

    /** Σ_i g(ln λ_i) over all N_G eigenvalues of Ĝ. */
    public double sumOverLnLambda(java.util.function.DoubleUnaryOperator g) {
        double s = nTrivial == 0 ? 0 : nTrivial * g.applyAsDouble(trivialLnLambda());
        for (double y : lnLambda) s += g.applyAsDouble(y);
        return s;
    }

    /** The route that produced the values. */
    public Route route() { return route; }

    /** True if the left half came from the Neumann inverse (§8 item 6). */
    public boolean leftTailFromInverse() { return leftTailFromInverse; }

    /** Size of the dense problem actually solved (r + R, R, or N_G on the dense route). */
    public int compressedSize() { return compressedSize; }

    public SpectrumChecks checks() { return checks; }

    /** The block-product identities computed alongside this spectrum (null for a non-nilpotent ŵ). */
    public BlockIdentities identities() { return identities; }

    /** A copy of this spectrum with another mass (the kinetic part is mass-independent). */
    public Spectrum withMass(double m) {
        if (!Double.isFinite(m) || m < 0) throw new IllegalArgumentException("mass m = " + m + "; need a finite m >= 0");
        return new Spectrum(space, nG, nTrivial, m, kinetic, route, leftTailFromInverse, compressedSize, checks, identities);
    }

    @Override
    public String toString() {
        return "Spectrum[" + space.label() + ", N_G=" + nG + ", N_nt=" + kinetic.length + ", m=" + mass + ", route=" + route + "]";
    }
}
