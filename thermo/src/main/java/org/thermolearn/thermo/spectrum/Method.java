package org.thermolearn.thermo.spectrum;

/**
 * Which dense kernel the compressed route uses on A_c and A_c^{-1} (theory.md §8 items 1, 6).
 * {@link #SVD}: singular values (most accurate); {@link #GRAM}: eigenvalues of A_cᵀA_c and of
 * A_c^{-ᵀ}A_c^{-1} (about 2–3× faster for large R; each half is only taken from the Gram matrix in
 * which it is the large end, so the relative error of λ ≥ 1 stays ≈ ε·λ_max/λ).
 * {@link #AUTO}: SVD for compressed size ≤ 1500, GRAM above.
 */
public enum Method {
    /** SVD below 1500, Gram eigenvalues above (default). */
    AUTO,
    /** Singular values (dgesdd / EJML SVD). */
    SVD,
    /** Symmetric eigenvalues of Gram matrices (dsyevd / EJML). */
    GRAM
}
