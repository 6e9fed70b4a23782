package org.thermolearn.thermo.ensemble;

import org.thermolearn.thermo.spectrum.Spectrum;

/**
 * The complexity variants of theory.md §3.3, §3.5 and §9 A4, all over the N_G eigenvalues λ of Ĝ:
 * <ul>
 *   <li>{@code cGt} = C_&gt;(λ_c) = −½ Σ_{λ &gt; λ_c} ln λ (S21; default λ_c = 1, then = −¼ Σ |ln λ| for m = 0);</li>
 *   <li>{@code effectiveRank} = r_ε = #{λ &gt; ε} (S22; trivial eigenvalues counted: n_trivial + #{non-trivial λ &gt; ε});</li>
 *   <li>{@code cMass} = C_m = −½ Σ ln(κ + m_C) with the kinetic eigenvalues κ and a separate regularising mass m_C &gt; 0
 *       (NaN when m_C = 0);</li>
 *   <li>{@code cLnDet} = −½ ln det Ĝ (S19; a check: 0 for m = 0 by (S20)).</li>
 * </ul>
 */
public record Complexity(double lambdaC, double cGt, double epsilon, long effectiveRank, double massC, double cMass, double cLnDet) {

    /** Computes the variants for threshold λ_c, rank cut ε and complexity mass m_C ≥ 0. */
    public static Complexity of(Spectrum s, double lambdaC, double epsilon, double massC) {
        if (!(massC >= 0)) throw new IllegalArgumentException("complexity mass m_C = " + massC + "; need m_C >= 0");
        double cGt = -0.5 * s.sumOverLambda(l -> l > lambdaC ? Math.log(l) : 0.0);
        long rank = 0;
        if (s.trivialLambda() > epsilon) rank += s.nTrivial();
        for (double l : s.lambdaNontrivial()) if (l > epsilon) rank++;
        double cm = Double.NaN;
        if (massC > 0) {
            double sum = s.nTrivial() * Math.log1p(massC);
            for (double k : s.kineticNontrivial()) sum += Math.log(k + massC);
            cm = -0.5 * sum;
        }
        return new Complexity(lambdaC, cGt, epsilon, rank, massC, cm, -0.5 * s.lnDetG());
    }
}
