package org.thermolearn.thermo.entropy;

/**
 * Sign convention of the β-driven learning flow dq/dβ = ±γ∇F (theory.md (S27), §9 A9).
 * {@link #ASCENT} (default) makes "maximise the Laplacian of F" the minimal-entropy-destruction rule.
 */
public enum LearningDirection {
    /** dq/dβ = +γ∇F (default, the talk's convention). */
    ASCENT(1.0),
    /** dq/dβ = −γ∇F (fixed-β SGD reading). */
    DESCENT(-1.0);

    private final double sign;

    LearningDirection(double sign) { this.sign = sign; }

    /** +1 for ascent, −1 for descent. */
    public double sign() { return sign; }
}
