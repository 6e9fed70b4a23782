package org.thermolearn.thermo.spectrum;

/**
 * Which dense kernel the compressed route uses on A_c and A_c^{-1} (theory.md §8 items 1, 6).
 * {@link #SVD}: singular values (most accurate); {@link #GRAM}: eigenvalues of A_cᵀA_c and of
 * A_c^{-ᵀ}A_c^{-1} (about 2–3× faster for large R; each half is only taken from the Gram matrix in
 * which it is the large end, so the relative error of λ ≥ 1 stays ≈ ε·λ_max/λ).
 * {@link #AUTO}: GRAM (measured 2–3× faster than dgesdd at sizes 300–3000); the solver's automatic left tail
 * restores the small eigenvalues from A_c⁻¹ whenever ε κ² would cost more than 1e-11 in ln λ_min.
 */
public enum Method {
    /** Gram eigenvalues with the automatic left tail (default). */
    AUTO,
    /** Singular values (dgesdd / EJML SVD). */
    SVD,
    /** Symmetric eigenvalues of Gram matrices (dsyevd / EJML). */
    GRAM
}
