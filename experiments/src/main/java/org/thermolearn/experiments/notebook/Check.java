package org.thermolearn.experiments.notebook;

import java.util.Locale;

/**
 * One exact identity of theory.md evaluated on a network: the two sides computed by independent routes
 * (eigenvalues of Ĝ against block products of F′ŵ), their residual and the tolerance it must meet.
 * {@link #toString()} prints one line that starts with {@code CHECK} and ends with {@code PASS} or
 * {@code FAIL} (the notebooks' output checker reads these lines).
 *
 * @param id        the theory.md number: P2, P4, P13, S33, S34
 * @param space     the integration space
 * @param statement the identity in words/symbols
 * @param lhs       left side (from the eigenvalues of Ĝ)
 * @param rhs       right side (from block products, or the exact value)
 * @param residual  |lhs − rhs| (relative where the statement says so)
 * @param tolerance the bound the residual must stay below
 */
public record Check(String id, Space space, String statement, double lhs, double rhs, double residual, double tolerance) {

    /** True if the residual is finite and below the tolerance. */
    public boolean pass() { return Double.isFinite(residual) && residual <= tolerance; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CHECK %-4s %-7s %-44s lhs=% .10e rhs=% .10e residual=%.2e tol=%.1e %s",
                id, "[" + space.label() + "]", statement, lhs, rhs, residual, tolerance, pass() ? "PASS" : "FAIL");
    }
}
