package org.thermolearn.thermo.operator;

/**
 * Which neurons the Gaussian integral of (S12) runs over (theory.md §9 A1): {@link #ALL} integrates
 * all N neurons, N_G = N, Ĝ = AᵀA + mÎ (the literal formula, default); {@link #CLAMPED} clamps the
 * inputs and integrates the R non-input neurons, N_G = R, Ĝ_R = (I_R − M_RR)ᵀ(I_R − M_RR) + mI_R (§8 item 5).
 */
public enum IntegrationSpace {
    /** All N neurons (A1 (a), default). */
    ALL("all"),
    /** Inputs clamped; the R non-input neurons (A1 (b)). */
    CLAMPED("clamped");

    private final String label;

    IntegrationSpace(String label) { this.label = label; }

    /** Lower-case name used as a column prefix ("all", "clamped"). */
    public String label() { return label; }
}
