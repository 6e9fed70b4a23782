package org.thermolearn.thermo.spectrum;

/**
 * How the spectrum of Ĝ is obtained (theory.md §8). {@link #AUTO} is exact (below) while the exact route's
 * estimated cost stays within {@code StochasticOptions.exactBudgetFlops()} and {@link #STOCHASTIC} above it.
 * Exact routes: {@link #COMPRESSED} takes singular values of the
 * compressed operator A_c (S36) or of I_R − M_RR (clamped, §8 item 5) and never forms an N×N matrix;
 * {@link #DENSE} forms Ĝ = AᵀA explicitly and calls the symmetric eigensolver (reference path, any ŵ,
 * N_G ≤ 4096); {@link #AUTO} uses COMPRESSED when F′ŵ is block-nilpotent and DENSE otherwise.
 */
public enum Route {
    /** Compressed when possible, dense fallback for non-nilpotent ŵ (default). */
    AUTO,
    /** Compressed operator (S36) / §8 item 5; needs block-nilpotent F′ŵ. */
    COMPRESSED,
    /** Dense Ĝ and a symmetric eigensolver; N_G ≤ 4096. */
    DENSE,
    /**
     * Matrix-free stochastic Lanczos quadrature (org.thermolearn.thermo.stochastic): every scalar with a
     * standard error, no eigenvalue list; needs block-nilpotent F′ŵ.
     */
    STOCHASTIC
}
