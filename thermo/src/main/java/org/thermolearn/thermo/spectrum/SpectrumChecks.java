package org.thermolearn.thermo.spectrum;

/**
 * Residual checks a {@link Spectrum} carries about itself, each computed by an independent route
 * (docs/DESIGN.md: the EJML {@code quality()} idea). All refer to the kinetic part AᵀA (mass excluded):
 *
 * <ul>
 *   <li>{@code sumLnLambda}: Σ ln λ_i(AᵀA), zero for nilpotent F′ŵ (S20, P2);</li>
 *   <li>{@code traceEigen} vs {@code traceBlocks}: Σ λ vs N_G + ‖F′ŵ‖_F² (P13);</li>
 *   <li>{@code invTraceEigen} vs {@code invTraceBlocks}: Σ 1/λ vs ‖(Î − F′ŵ)^{-1}‖_F² (P13);</li>
 *   <li>{@code s33Eigen} vs {@code s33Blocks}: Σ(λ − 1/λ) = 2Σ sinh y (S33) from eigenvalues vs block products;</li>
 *   <li>{@code s34Eigen} vs {@code s34Blocks}: Σ(λ + 1/λ − 2) = 2Σ(cosh y − 1) (S34).</li>
 * </ul>
 * Block-route values are NaN when the block route does not apply (non-nilpotent F′ŵ on the dense route).
 */
public record SpectrumChecks(double sumLnLambda, double traceEigen, double traceBlocks, double invTraceEigen,
                             double invTraceBlocks, double s33Eigen, double s33Blocks, double s34Eigen, double s34Blocks) {

    /**
     * The largest relative residual among the pairs, |a − b| / max(1, |b|), and |Σ ln λ| / max(1, N_nt)
     * (NaN pairs are skipped).
     */
    public double maxRelativeResidual(int nNontrivial) {
        double r = Math.abs(sumLnLambda) / Math.max(1, nNontrivial);
        r = Math.max(r, rel(traceEigen, traceBlocks));
        r = Math.max(r, rel(invTraceEigen, invTraceBlocks));
        r = Math.max(r, rel(s33Eigen, s33Blocks));
        r = Math.max(r, rel(s34Eigen, s34Blocks));
        return r;
    }

    private static double rel(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return 0;
        return Math.abs(a - b) / Math.max(1.0, Math.abs(b));
    }
}
