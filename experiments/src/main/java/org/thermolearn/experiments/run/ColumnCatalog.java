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

    private static final Map<String, Entry> RUN = new LinkedHashMap<>();
    private static final Map<String, Entry> SPACE = new LinkedHashMap<>();

    static {
        run("learning_rate", "1", "learning rate η at this checkpoint (schedule applied)", "");
        run("train_loss", "1", "mean training loss per sample over the steps since the previous checkpoint", "");
        run("u_boundary", "1", "U_∂: mean boundary loss ½Σ_out (x − x̄)² over the loss subset", "S3");
        run("u_boundary_rms", "1", "root-mean-square output error over the loss subset (A12)", "S3");
        run("u_bulk", "1", "U: mean bulk loss, exact minimum over hidden neurons, over the loss subset", "S4");
        run("u_bulk_start", "1", "bulk objective at the forward-pass start (equals u_boundary)", "S4");
        run("bulk_to_boundary", "1", "U / U_∂ (≤ 1 by P6)", "P6");
        run("bulk_grad_inf", "1", "largest final ‖∇‖_∞ of the bulk minimisation (its residual)", "S4");
        run("bulk_not_converged", "samples", "samples whose bulk minimisation hit the iteration cap or stalled", "S4");
        run("train_accuracy", "1", "fraction of training images classified correctly (arg-max output)", "");
        run("validation_accuracy", "1", "fraction of validation images classified correctly", "");
        run("test_accuracy", "1", "fraction of test images classified correctly", "");
        run("train_seconds", "s", "wall time spent training since the previous checkpoint", "");
        run("measure_seconds", "s", "wall time of losses and accuracies at this checkpoint", "");
        run("analysis_seconds", "s", "wall time of the thermodynamic analysis (G, spectra, ensemble) at this checkpoint", "");
        run("record_seconds", "s", "wall time of writing this checkpoint's records (Arrow, fsync)", "");
        run("elapsed_seconds", "s", "wall time since the run (or its resumption) started", "");

        space("n_g", "1", "N_G: dimension of the integration space (N for all, R for clamped)", "A1");
        space("n_nontrivial", "1", "number of eigenvalues with |ln λ| > 1e-9", "A16");
        space("n_trivial", "1", "number of eigenvalues equal to 1", "P3");
        space("mass", "1", "mass m in Ĝ", "S11");
        space("ln_lambda_min", "1", "smallest ln λ", "S11");
        space("ln_lambda_max", "1", "largest ln λ", "S11");
        space("sum_ln_lambda", "1", "Σ ln λ = ln det Ĝ (0 for m = 0)", "S20");
        space("sum_ln_lambda_kinetic", "1", "Σ ln σ² of the kinetic part AᵀA (0 for feed-forward nets)", "S20");
        space("sum_lambda", "1", "Σ λ", "P13");
        space("sum_inv_lambda", "1", "Σ 1/λ", "P13");
        space("fro2_m", "1", "‖F′ŵ‖_F² from block products", "P13");
        space("trace_g_blocks", "1", "tr Ĝ from block products", "P13");
        space("inv_trace_blocks", "1", "tr Ĝ⁻¹ from block products (Neumann series)", "P13");
        space("s33_eigen", "1", "Σ (λ − 1/λ) from eigenvalues", "S33");
        space("s33_blocks", "1", "Σ (λ − 1/λ) from block products", "S33");
        space("s33_layered", "1", "−Σ_{k≥2} ‖(F′ŵ)^k‖_F² (layered nets)", "S33");
        space("s34_eigen", "1", "Σ (λ + 1/λ − 2) from eigenvalues", "S34");
        space("s34_blocks", "1", "Σ (λ + 1/λ − 2) from block products", "S34");
        space("max_check_residual", "1", "largest relative residual of the eigenvalue vs block-product identities", "P13");
        space("gauss_beta", "1", "β at which the Gaussian ensemble columns are evaluated", "S7");
        space("gauss_ln_z", "nat", "ln Z of the Gaussian ensemble at gauss_beta", "S13");
        space("gauss_z", "1", "Z at gauss_beta (may overflow to Infinity; use gauss_ln_z)", "S12");
        space("gauss_u", "1", "U = N_G/(2β) + E₀ at gauss_beta", "S14");
        space("gauss_f", "1", "F at gauss_beta", "S15");
        space("gauss_s", "nat", "S at gauss_beta", "S16");
        space("gauss_s0", "nat", "S₀ = (N_G/2) ln(2πe/β) at gauss_beta", "S19");
        space("gauss_e0", "1", "E₀, the minimum of the quadratic loss (0 for m = 0)", "S10");
        space("gauss_s_total", "nat", "S₀ + C at gauss_beta", "S18");
        space("c_gt_1", "nat", "complexity C_>(1) = −½ Σ_{λ>1} ln λ (A4 default)", "S21");
        space("effective_rank", "1", "r_ε = #{λ > 1e-6}, trivial eigenvalues counted", "S22");
        space("c_m", "nat", "mass-regularised complexity −½ Σ ln(λ + m) (NaN for m = 0)", "S21");
        space("c_ln_det", "nat", "−½ ln det Ĝ (0 for m = 0: a check)", "S19");
        space("s_total_gauss", "nat", "S₀ + C_> at gauss_beta", "S18");
        for (int n = 1; n <= 4; n++) {
            space("mu" + n, "1", "μ_" + n + " = (1/N_G) Σ (ln λ)^" + n + " over all N_G eigenvalues", "S35");
            space("mu" + n + "_nt", "1", "μ_" + n + " over the non-trivial eigenvalues", "S35");
            space("kappa" + n, "1", "κ_" + n + " = (1/N_G) tr[(Ĝ − Î)^" + n + "]", "S35");
        }
        space("skewness_nt", "1", "γ = μ₃/μ₂^{3/2} of the non-trivial ln λ", "S35");
        space("laplacian_f_lambda", "1", "∇²F in λ coordinates, −(1/(2β)) Σ λ⁻²", "S30");
        space("laplacian_f_ln_lambda", "1", "∇²F in ln λ coordinates with φ_box", "S30");
        space("entropy_rate", "nat", "dS_q/dβ = γ ⟨∇²F⟩ (ascent sign, A9)", "S28");
        space("compressed_size", "1", "size of the compressed operator whose singular values give the spectrum", "S36");
        space("left_tail_from_inverse", "1", "1 if the left tail came from the Neumann inverse (§8 item 6)", "");
        space("analysis_seconds", "s", "wall time of this space's analysis", "");
        space("temperature", "1", "T̂ = 2U/N_G, equipartition estimate from the bulk loss", "S23");
        space("beta_hat", "1", "β̂ = N_G/(2U)", "S23");
        space("beta_fl", "1", "β̂_fl = √(N_G / (2 Var_s H_s)), fluctuation estimate", "S24");
        space("var_ratio", "1", "Var H/⟨H⟩² × N_G/2 (1 for a canonical Gaussian ensemble)", "S24");
        space("s0", "nat", "S₀ = (N_G/2) ln(2πe T̂), thermodynamic entropy at the estimated temperature", "S19");
        space("s_total", "nat", "S = S₀ + C_>(1) at the estimated temperature", "S18");
    }

    private ColumnCatalog() { }

    private static void run(String n, String u, String d, String f) { RUN.put(n, new Entry(u, d, f)); }

    private static void space(String n, String u, String d, String f) { SPACE.put(n, new Entry(u, d, f)); }

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
