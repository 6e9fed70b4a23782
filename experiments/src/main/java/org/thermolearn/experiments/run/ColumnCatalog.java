package org.thermolearn.experiments.run;

import org.thermolearn.thermo.record.ColumnSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unit, description and theory.md formula number of every metrics column. Per-space columns are named
 * {@code <base>_<space>} (space = all | clamped, A1). docs/FORMAT.md is this table in prose.
 */
public final class ColumnCatalog {

    private record Entry(String unit, String description, String formula) { }

    private static final Map<String, Entry> RUN;
    private static final Map<String, Entry> SPACE;

    static {
        Map<String, Entry> run = new LinkedHashMap<>(), space = new LinkedHashMap<>();
        run.put("learning_rate", entry("1", "learning rate η at this checkpoint (schedule applied)", ""));
        run.put("train_loss", entry("1", "mean training loss per sample over the steps since the previous checkpoint", ""));
        run.put("u_boundary", entry("1", "U_∂: mean boundary loss ½Σ_out (x − x̄)² over the loss subset", "S3"));
        run.put("u_boundary_rms", entry("1", "root-mean-square output error over the loss subset (A12)", "S3"));
        run.put("u_bulk", entry("1", "U: mean bulk loss, exact minimum over hidden neurons, over the loss subset", "S4"));
        run.put("u_bulk_start", entry("1", "bulk objective at the forward-pass start (equals u_boundary)", "S4"));
        run.put("bulk_to_boundary", entry("1", "U / U_∂ (≤ 1 by P6)", "P6"));
        run.put("bulk_grad_inf", entry("1", "largest final ‖∇‖_∞ of the bulk minimisation (its residual)", "S4"));
        run.put("bulk_not_converged", entry("samples", "samples whose bulk minimisation hit the iteration cap or stalled", "S4"));
        run.put("train_accuracy", entry("1", "fraction of training images classified correctly (arg-max output)", ""));
        run.put("validation_accuracy", entry("1", "fraction of validation images classified correctly", ""));
        run.put("test_accuracy", entry("1", "fraction of test images classified correctly", ""));
        run.put("train_seconds", entry("s", "wall time spent training since the previous checkpoint", ""));
        run.put("measure_seconds", entry("s", "wall time of losses and accuracies at this checkpoint", ""));
        run.put("analysis_seconds", entry("s", "wall time of the thermodynamic analysis (G, spectra, ensemble) at this checkpoint", ""));
        run.put("record_seconds", entry("s", "wall time of writing this checkpoint's records (Arrow, fsync)", ""));
        run.put("elapsed_seconds", entry("s", "wall time since the run (or its resumption) started", ""));

        space.put("n_g", entry("1", "N_G: dimension of the integration space (N for all, R for clamped)", "A1"));
        space.put("n_nontrivial", entry("1", "number of eigenvalues with |ln λ| > 1e-9", "A16"));
        space.put("n_trivial", entry("1", "number of eigenvalues equal to 1", "P3"));
        space.put("mass", entry("1", "mass m in Ĝ", "S11"));
        space.put("ln_lambda_min", entry("1", "smallest ln λ", "S11"));
        space.put("ln_lambda_max", entry("1", "largest ln λ", "S11"));
        space.put("sum_ln_lambda", entry("1", "Σ ln λ = ln det Ĝ (0 for m = 0)", "S20"));
        space.put("sum_ln_lambda_kinetic", entry("1", "Σ ln σ² of the kinetic part AᵀA (0 for feed-forward nets)", "S20"));
        space.put("sum_lambda", entry("1", "Σ λ", "P13"));
        space.put("sum_inv_lambda", entry("1", "Σ 1/λ", "P13"));
        space.put("fro2_m", entry("1", "‖F′ŵ‖_F² from block products", "P13"));
        space.put("trace_g_blocks", entry("1", "tr Ĝ from block products", "P13"));
        space.put("inv_trace_blocks", entry("1", "tr Ĝ⁻¹ from block products (Neumann series)", "P13"));
        space.put("s33_eigen", entry("1", "Σ (λ − 1/λ) from eigenvalues", "S33"));
        space.put("s33_blocks", entry("1", "Σ (λ − 1/λ) from block products", "S33"));
        space.put("s33_layered", entry("1", "−Σ_{k≥2} ‖(F′ŵ)^k‖_F² (layered nets)", "S33"));
        space.put("s34_eigen", entry("1", "Σ (λ + 1/λ − 2) from eigenvalues", "S34"));
        space.put("s34_blocks", entry("1", "Σ (λ + 1/λ − 2) from block products", "S34"));
        space.put("max_check_residual", entry("1", "largest relative residual of the eigenvalue vs block-product identities", "P13"));
        space.put("gauss_beta", entry("1", "β at which the Gaussian ensemble columns are evaluated", "S7"));
        space.put("gauss_ln_z", entry("nat", "ln Z of the Gaussian ensemble at gauss_beta", "S13"));
        space.put("gauss_z", entry("1", "Z at gauss_beta (may overflow to Infinity; use gauss_ln_z)", "S12"));
        space.put("gauss_u", entry("1", "U = N_G/(2β) + E₀ at gauss_beta", "S14"));
        space.put("gauss_f", entry("1", "F at gauss_beta", "S15"));
        space.put("gauss_s", entry("nat", "S at gauss_beta", "S16"));
        space.put("gauss_s0", entry("nat", "S₀ = (N_G/2) ln(2πe/β) at gauss_beta", "S19"));
        space.put("gauss_e0", entry("1", "E₀, the minimum of the quadratic loss (0 for m = 0)", "S10"));
                space.put("c_gt_1", entry("nat", "complexity C_>(1) = −½ Σ_{λ>1} ln λ (A4 default)", "S21"));
        space.put("effective_rank", entry("1", "r_ε = #{λ > 1e-6}, trivial eigenvalues counted", "S22"));
        space.put("c_m", entry("nat", "mass-regularised complexity −½ Σ ln(λ + m) (NaN for m = 0)", "S21"));
        space.put("c_ln_det", entry("nat", "−½ ln det Ĝ (0 for m = 0: a check)", "S19"));
        space.put("s_total_gauss", entry("nat", "S₀ + C_> at gauss_beta", "S18"));
        for (int n = 1; n <= 4; n++) {
            space.put("mu" + n, entry("1", "μ_" + n + " = (1/N_G) Σ (ln λ)^" + n + " over all N_G eigenvalues", "S35"));
            space.put("mu" + n + "_nt", entry("1", "μ_" + n + " over the non-trivial eigenvalues", "S35"));
            space.put("kappa" + n, entry("1", "κ_" + n + " = (1/N_G) tr[(Ĝ − Î)^" + n + "]", "S35"));
        }
        space.put("skewness_nt", entry("1", "γ = μ₃/μ₂^{3/2} of the non-trivial ln λ", "S35"));
        space.put("laplacian_f_lambda", entry("1", "∇²F in λ coordinates, −(1/(2β)) Σ λ⁻²", "S30"));
        space.put("laplacian_f_ln_lambda", entry("1", "∇²F in ln λ coordinates with φ_box", "S30"));
        space.put("entropy_rate", entry("nat", "dS_q/dβ = γ ⟨∇²F⟩ (ascent sign, A9)", "S28"));
        space.put("compressed_size", entry("1", "size of the compressed operator whose singular values give the spectrum", "S36"));
        space.put("left_tail_from_inverse", entry("1", "1 if the left tail came from the Neumann inverse (§8 item 6)", ""));
        space.put("analysis_seconds", entry("s", "wall time of this space's analysis", ""));
        space.put("temperature", entry("1", "T̂ = 2U/N_G, equipartition estimate from the bulk loss", "S23"));
        space.put("beta_hat", entry("1", "β̂ = N_G/(2U)", "S23"));
        space.put("beta_fl", entry("1", "β̂_fl = √(N_G / (2 Var_s H_s)), fluctuation estimate", "S24"));
        space.put("var_ratio", entry("1", "Var H/⟨H⟩² × N_G/2 (1 for a canonical Gaussian ensemble)", "S24"));
        space.put("s0", entry("nat", "S₀ = (N_G/2) ln(2πe T̂), thermodynamic entropy at the estimated temperature", "S19"));
        space.put("s_total", entry("nat", "S = S₀ + C_>(1) at the estimated temperature", "S18"));
        RUN = java.util.Collections.unmodifiableMap(run);
        SPACE = java.util.Collections.unmodifiableMap(space);
    }

    private ColumnCatalog() { }

    private static Entry entry(String unit, String description, String formula) {
        return new Entry(unit, description, formula);
    }



    /** The spec of a float64 metrics column (unknown names get an honest generic description). */
    public static ColumnSpec spec(String column) {
        Entry e = RUN.get(column);
        String space = "";
        if (e == null) {
            int us = column.lastIndexOf('_');
            if (us > 0) {
                space = column.substring(us + 1);
                e = SPACE.get(column.substring(0, us));
            }
        }
        if (e == null && column.startsWith("c_gt_")) {
            return ColumnSpec.float64(column, "nat", "complexity C_>(λ_c) = −½ Σ_{λ>λ_c} ln λ with the configured lambdaC", "S21");
        }
        if (e == null) return ColumnSpec.float64(column, "", "(undocumented column)", "");
        String d = space.isEmpty() ? e.description() : e.description() + " [" + space + " space]";
        return ColumnSpec.float64(column, e.unit(), d, e.formula());
    }

    /** Base names of the per-space columns, in catalog order (for docs). */
    public static Map<String, String[]> describeSpaceColumns() {
        Map<String, String[]> m = new LinkedHashMap<>();
        SPACE.forEach((k, v) -> m.put(k, new String[]{v.unit(), v.description(), v.formula()}));
        return m;
    }

    /** The run-level columns, in catalog order (for docs). */
    public static Map<String, String[]> describeRunColumns() {
        Map<String, String[]> m = new LinkedHashMap<>();
        RUN.forEach((k, v) -> m.put(k, new String[]{v.unit(), v.description(), v.formula()}));
        return m;
    }
}
