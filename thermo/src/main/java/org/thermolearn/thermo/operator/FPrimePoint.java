package org.thermolearn.thermo.operator;

/**
 * Where the derivative matrix F′ = diag f′ of (S9) is evaluated (theory.md §9 A2): at the bias
 * ({@link #BIAS}, default, the talk's reading) or at data fixed points ({@link #DATA}: the caller
 * supplies per-neuron f′ values already averaged over samples, so thermo needs no data set).
 */
public enum FPrimePoint {
    /** f′(b_i) (A2 (a), default). */
    BIAS,
    /** Caller-supplied f′ averaged over data fixed points (A2 (b)). */
    DATA
}
