package org.thermolearn.thermo.spectrum;

/**
 * Whether the left tail (λ &lt; 1) of the compressed spectrum is recomputed from the finite Neumann
 * inverse A_c^{-1} = Σ_{k&lt;L}(F′ŵ)^k (theory.md §8 item 6): small singular values of A_c lose relative
 * accuracy (absolute error ≈ ε·σ_max), the large singular values of A_c^{-1} do not.
 */
public enum LeftTail {
    /** Always merge: right half from σ(A_c), left half from 1/σ(A_c^{-1})². */
    ALWAYS,
    /**
     * Merge only when the direct route's predicted absolute error of ln λ_min exceeds 1e-11:
     * 2ε·κ for the SVD kernel, ε·κ² for the Gram kernel, κ = σ_max/σ_min of A_c (default; saves one
     * dense decomposition on well-conditioned snapshots, identical to ALWAYS otherwise).
     */
    AUTO,
    /** Never; everything from σ(A_c). */
    NEVER
}
