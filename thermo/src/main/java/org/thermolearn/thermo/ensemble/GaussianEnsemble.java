package org.thermolearn.thermo.ensemble;

import org.thermolearn.thermo.spectrum.Spectrum;

/**
 * The Gaussian canonical ensemble of the state vector at inverse temperature β (theory.md §3.2,
 * (S12)–(S16), (S19)):
 * <pre>
 *   ln Z = (N_G/2) ln 2π − (N_G/2) ln β − ½ ln det Ĝ − β E₀          (S13)
 *   Z    = exp(ln Z)  (Infinity when it overflows; use ln Z)        (S12)
 *   U    = N_G/(2β) + E₀                                            (S14)
 *   F    = −ln Z / β = E₀ − (N_G/(2β)) ln(2π/β) + (1/(2β)) ln det Ĝ  (S15)
 *   S    = β U + ln Z = (N_G/2) ln(2πe/β) − ½ ln det Ĝ               (S16)
 *   S₀   = (N_G/2) ln(2πe T)                                         (S19)
 * </pre>
 */
public record GaussianEnsemble(double beta, int nG, double lnDetG, double e0, double lnZ, double z, double u,
                               double f, double s, double s0) {

    /** The ensemble for N_G, ln det Ĝ and E₀ at β &gt; 0. */
    public static GaussianEnsemble of(int nG, double lnDetG, double e0, double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta = " + beta + "; the inverse temperature must be positive and finite");
        double half = nG / 2.0;
        double lnZ = half * Math.log(2 * Math.PI) - half * Math.log(beta) - 0.5 * lnDetG - beta * e0;
        double u = nG / (2 * beta) + e0;
        double s0 = s0AtBeta(nG, beta);
        double s = beta * u + lnZ;
        return new GaussianEnsemble(beta, nG, lnDetG, e0, lnZ, Math.exp(lnZ), u, -lnZ / beta, s, s0);
    }

    /** The ensemble of a spectrum (ln det Ĝ including its mass) with ground energy E₀ at β. */
    public static GaussianEnsemble of(Spectrum spectrum, double e0, double beta) {
        return of(spectrum.nG(), spectrum.lnDetG(), e0, beta);
    }

    /**
     * S₀ = (N_G/2) ln(2πeT), the entropy of N_G Gaussian modes at temperature T (S19): the one place this formula
     * is written; every consumer (records, claims, report, the Gaussian check) calls it. NaN for T NaN or ≤ 0.
     */
    public static double s0(int nG, double temperature) {
        return 0.5 * nG * Math.log(2 * Math.PI * Math.E * temperature);
    }

    /**
     * S₀ of (S19) written with β = 1/T, (N_G/2) ln(2πe/β). Kept as its own expression (not {@code s0(nG, 1/β)}) because
     * 1/β rounds: the records stay bit-identical to those written before this class became the single home of (S19).
     */
    public static double s0AtBeta(int nG, double beta) {
        return nG / 2.0 * Math.log(2 * Math.PI * Math.E / beta);
    }

    /** T = 1/β. */
    public double temperature() { return 1 / beta; }
}
