package org.thermolearn.thermo.entropy;

/**
 * A single-mode free energy φ(y; β) in the log-eigenvalue coordinate y = ln λ, the plug-in of
 * theory.md (S30)–(S32) (§9 A10). Implementations give φ and its second derivative φ″ in y
 * analytically; {@link #secondDerivativeFd} is the finite-difference cross-check.
 */
public interface SingleModeFreeEnergy {

    /** φ(y; β). */
    double phi(double y, double beta);

    /** ∂²φ/∂y² at (y; β), analytic. */
    double phiSecond(double y, double beta);

    /** Short name used in provenance ("box(a=1)", "mass(m=0.1)"). */
    String name();

    /** Central second difference of φ with step h, the independent check of {@link #phiSecond}. */
    default double secondDerivativeFd(double y, double beta, double h) {
        return (phi(y + h, beta) - 2 * phi(y, beta) + phi(y - h, beta)) / (h * h);
    }
}
