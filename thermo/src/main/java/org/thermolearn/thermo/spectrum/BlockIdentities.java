package org.thermolearn.thermo.spectrum;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.thermo.operator.BlockMatrix;
import org.thermolearn.thermo.operator.GOperator;

import java.util.List;

/**
 * Trace identities of the kinetic part AᵀA of Ĝ computed from block products of M = F′ŵ only,
 * without any eigen decomposition (theory.md §8 items 6, 7, 9; (S33), (S34), P13), in the
 * operator's integration space (CLAMPED restricts every product to non-input neurons).
 *
 * <ul>
 *   <li>{@code fro2Powers[k-1]} = ‖(F′ŵ)^k‖_F², k = 1 … L−1;</li>
 *   <li>{@code traceG} = tr AᵀA = N_G + ‖M‖_F² (P13; tr M = 0 for nilpotent M);</li>
 *   <li>{@code fro2Inverse} = tr (AᵀA)^{-1} = ‖A^{-1}‖_F² = ‖Σ_{k&lt;L} M^k‖_F² (finite Neumann sum, valid
 *       with skip edges; equals N_G + Σ_k ‖M^k‖_F² for layered nets);</li>
 *   <li>{@code s33Blocks} = Σ(λ − 1/λ) = traceG − fro2Inverse (S33);
 *       {@code s33Layered} = −Σ_{k≥2} ‖M^k‖_F² (the layered form of (S33), NaN when not layered);</li>
 *   <li>{@code s34Blocks} = Σ(λ + 1/λ − 2) = traceG + fro2Inverse − 2N_G (S34).</li>
 * </ul>
 */
public record BlockIdentities(int nG, double[] fro2Powers, double fro2M, double traceG, double fro2Inverse,
                              double s33Blocks, double s33Layered, double s34Blocks, boolean layered) {

    /** Computes the identities for the operator's space from the cached powers of M. */
    public static BlockIdentities of(GOperator op, Linalg la) {
        List<BlockMatrix> p = op.powers(la);
        int fg = op.firstGroup();
        int nG = op.nG();
        double[] f2 = new double[p.size()];
        for (int k = 0; k < p.size(); k++) f2[k] = p.get(k).frobenius2(fg);
        double fro2M = f2.length > 0 ? f2[0] : 0.0;
        double fro2Inv = nG;
        if (!p.isEmpty()) fro2Inv += fro2OfSum(p, fg);
        double higher = 0;
        for (int k = 1; k < f2.length; k++) higher += f2[k];
        boolean layered = op.isLayered();
        double traceG = nG + fro2M;
        return new BlockIdentities(nG, f2, fro2M, traceG, fro2Inv, traceG - fro2Inv, layered ? -higher : Double.NaN,
                traceG + fro2Inv - 2.0 * nG, layered);
    }

    /**
     * ‖Σ_k M^k‖_F² over the groups ≥ firstGroup, block by block: a block that only one power has is not copied (for a
     * layered net every block of the sum is a block of exactly one power, so no N-sized sum is ever formed).
     */
    static double fro2OfSum(List<BlockMatrix> powers, int firstGroup) {
        BlockMatrix m = powers.get(0);
        int g = m.groupCount();
        double s = 0;
        for (int t = firstGroup; t < g; t++) {
            for (int f = firstGroup; f < g; f++) {
                double[] only = null, acc = null;
                for (BlockMatrix p : powers) {
                    double[] b = p.block(t, f);
                    if (b == null) continue;
                    if (only == null && acc == null) only = b;
                    else {
                        if (acc == null) acc = only.clone();
                        for (int i = 0; i < acc.length; i++) acc[i] += b[i];
                    }
                }
                double[] sum = acc != null ? acc : only;
                if (sum == null) continue;
                for (double v : sum) s += v * v;
            }
        }
        return s;
    }

    /** Σ_{k=1}^{L−1} M^k, the Neumann series of A^{-1} without its identity term (§8 item 6). */
    static BlockMatrix neumannTail(List<BlockMatrix> powers) {
        BlockMatrix s = powers.get(0);
        for (int k = 1; k < powers.size(); k++) s = s.plus(powers.get(k));
        return s;
    }

    /** Σ_k ‖M^k‖_F² for k = 1 … L−1 (the layered form of Σ 1/λ − N_G, P13). */
    public double sumFro2Powers() {
        double s = 0;
        for (double v : fro2Powers) s += v;
        return s;
    }
}
