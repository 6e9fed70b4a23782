package org.thermolearn.thermo.metric;

import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ensemble.GaussianEnsemble;
import org.thermolearn.thermo.ensemble.Thermometer;
import org.thermolearn.thermo.operator.IntegrationSpace;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.spectrum.BlockIdentities;
import org.thermolearn.thermo.stochastic.Estimate;
import org.thermolearn.thermo.stochastic.StochasticSpectrum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Every float64 column of metrics.arrow, defined once: its name, unit, formula id (S…, P…, A… of
 * docs/THEORY.md), description and how it is computed from a checkpoint's {@link Measurements} (run-level
 * metrics) or from one space's {@link SpaceMeasurement} (per-space metrics, recorded as
 * {@code <name>_<space>}, e.g. {@code c_gt_1_all}). The declaration order is the column order of the
 * records; docs/FORMAT.md is generated from this registry, and readers name a column as
 * {@code Metric.C_GT.column(IntegrationSpace.ALL)} so that a misspelt metric does not compile.
 *
 * <p>Adding a metric is one constant here (at the place its column should appear) plus a test of its
 * value; see docs/DESIGN.md, "Adding a metric".
 */
public enum Metric {

    // ------------------------------------------------------------ run level
    LEARNING_RATE("learning_rate", "1", "", "learning rate η at this checkpoint (schedule applied)", Needs.NOTHING, Measurements::learningRate),
    TRAIN_LOSS("train_loss", "1", "", "mean training loss per sample over the steps since the previous checkpoint", Needs.NOTHING, Measurements::trainLoss),
    U_BOUNDARY("u_boundary", "1", "S3", "U_∂: mean boundary loss ½Σ_out (x − x̄)² over the loss subset", Needs.LOSSES, m -> m.boundary().mean()),
    U_BOUNDARY_RMS("u_boundary_rms", "1", "S3", "root-mean-square output error over the loss subset (A12)", Needs.LOSSES, m -> m.boundary().rms()),
    U_BULK("u_bulk", "1", "S4", "U: mean bulk loss, exact minimum over hidden neurons, over the loss subset", Needs.LOSSES, m -> m.bulk().mean()),
    U_BULK_START("u_bulk_start", "1", "S4", "bulk objective at the forward-pass start (equals u_boundary)", Needs.LOSSES, m -> m.bulk().startMean()),
    BULK_TO_BOUNDARY("bulk_to_boundary", "1", "P6", "U / U_∂ (≤ 1 by P6)", Needs.LOSSES,
            m -> m.boundary().mean() == 0 ? Double.NaN : m.bulk().mean() / m.boundary().mean()),
    BULK_GRAD_INF("bulk_grad_inf", "1", "S4", "largest final ‖∇‖_∞ of the bulk minimisation (its residual)", Needs.LOSSES, m -> m.bulk().maxGradInf()),
    BULK_NOT_CONVERGED("bulk_not_converged", "samples", "S4", "samples whose bulk minimisation hit the iteration cap or stalled", Needs.LOSSES,
            m -> (double) (m.bulk().notConverged() + m.bulk().stalled())),
    TRAIN_ACCURACY("train_accuracy", "1", "", "fraction of training images classified correctly (arg-max output)", Needs.NOTHING, Measurements::trainAccuracy),
    VALIDATION_ACCURACY("validation_accuracy", "1", "", "fraction of validation images classified correctly", Needs.NOTHING, Measurements::validationAccuracy),
    TEST_ACCURACY("test_accuracy", "1", "", "fraction of test images classified correctly", Needs.NOTHING, Measurements::testAccuracy),
    TRAIN_SECONDS("train_seconds", "s", "", "wall time spent training since the previous checkpoint", Needs.NOTHING, Measurements::trainSeconds),
    MEASURE_SECONDS("measure_seconds", "s", "", "wall time of losses and accuracies at this checkpoint", Needs.NOTHING, Measurements::measureSeconds),
    ANALYSIS_SECONDS("analysis_seconds", "s", "", "wall time of the thermodynamic analysis (G, spectra, ensemble) at this checkpoint", Needs.NOTHING,
            m -> m.analysis().seconds()),
    /** Filled in by the writer when the row is written (NaN until then). */
    RECORD_SECONDS("record_seconds", "s", "", "wall time of writing this checkpoint's records (Arrow, fsync)", Needs.NOTHING, m -> Double.NaN),
    /** Filled in by the writer when the row is written (NaN until then). */
    ELAPSED_SECONDS("elapsed_seconds", "s", "", "wall time since the run (or its resumption) started", Needs.NOTHING, m -> Double.NaN),

    // ------------------------------------------------------------ per space: spectrum of Ĝ (S11) and its checks
    N_G("n_g", "1", "A1", "N_G: dimension of the integration space (N for all, R for clamped)", s -> s.analysis().nG()),
    N_NONTRIVIAL("n_nontrivial", "1", "A16", "number of eigenvalues with |ln λ| > 1e-9 (stochastic route: n_c, the compressed size)",
            s -> s.analysis().nNontrivial()),
    N_TRIVIAL("n_trivial", "1", "P3", "number of eigenvalues equal to 1", s -> s.analysis().nTrivial()),
    MASS("mass", "1", "S11", "mass m in Ĝ", s -> s.analysis().isStochastic() ? s.analysis().stochastic().mass() : s.analysis().spectrum().mass()),
    LN_LAMBDA_MIN("ln_lambda_min", "1", "S11", "smallest ln λ (stochastic route: smallest Ritz value of the Ĝ⁻¹ Lanczos runs)", s -> {
        if (s.analysis().isStochastic()) return s.analysis().stochastic().lnLambdaMin().value();
        double[] y = s.analysis().spectrum().lnLambdaNontrivial();
        return y.length == 0 ? Double.NaN : y[0];
    }),
    LN_LAMBDA_MAX("ln_lambda_max", "1", "S11", "largest ln λ (stochastic route: largest Ritz value of the Ĝ Lanczos runs)", s -> {
        if (s.analysis().isStochastic()) return s.analysis().stochastic().lnLambdaMax().value();
        double[] y = s.analysis().spectrum().lnLambdaNontrivial();
        return y.length == 0 ? Double.NaN : y[y.length - 1];
    }),
    SUM_LN_LAMBDA("sum_ln_lambda", "1", "S20", "Σ ln λ = ln det Ĝ (0 for m = 0)",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().lnDet().value() : s.analysis().spectrum().lnDetG()),
    SUM_LN_LAMBDA_KINETIC("sum_ln_lambda_kinetic", "1", "S20", "Σ ln σ² of the kinetic part AᵀA (0 for feed-forward nets)",
            s -> s.analysis().isStochastic() ? 0.0 : s.analysis().spectrum().checks().sumLnLambda()),
    SUM_LAMBDA("sum_lambda", "1", "P13", "Σ λ",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().sumLambda().value() : s.analysis().spectrum().sumOverLambda(l -> l)),
    SUM_INV_LAMBDA("sum_inv_lambda", "1", "P13", "Σ 1/λ",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().sumInvLambda().value() : s.analysis().spectrum().sumOverLambda(l -> 1 / l)),
    FRO2_M("fro2_m", "1", "P13", "‖F′ŵ‖_F² from block products",
            s -> s.analysis().identities() == null ? Double.NaN : s.analysis().identities().fro2M()),
    TRACE_G_BLOCKS("trace_g_blocks", "1", "P13", "tr Ĝ from block products",
            s -> s.analysis().isStochastic() ? ident(s, BlockIdentities::traceG) : s.analysis().spectrum().checks().traceBlocks()),
    INV_TRACE_BLOCKS("inv_trace_blocks", "1", "P13", "tr Ĝ⁻¹ from block products (Neumann series)",
            s -> s.analysis().isStochastic() ? ident(s, BlockIdentities::fro2Inverse) : s.analysis().spectrum().checks().invTraceBlocks()),
    S33_EIGEN("s33_eigen", "1", "S33", "Σ (λ − 1/λ) from eigenvalues (NaN on the stochastic route)",
            s -> s.analysis().isStochastic() ? Double.NaN : s.analysis().spectrum().checks().s33Eigen()),
    S33_BLOCKS("s33_blocks", "1", "S33", "Σ (λ − 1/λ) from block products",
            s -> s.analysis().isStochastic() ? ident(s, BlockIdentities::s33Blocks) : s.analysis().spectrum().checks().s33Blocks()),
    S33_LAYERED("s33_layered", "1", "S33", "−Σ_{k≥2} ‖(F′ŵ)^k‖_F² (layered nets)",
            s -> s.analysis().identities() == null ? Double.NaN : s.analysis().identities().s33Layered()),
    S34_EIGEN("s34_eigen", "1", "S34", "Σ (λ + 1/λ − 2) from eigenvalues (NaN on the stochastic route)",
            s -> s.analysis().isStochastic() ? Double.NaN : s.analysis().spectrum().checks().s34Eigen()),
    S34_BLOCKS("s34_blocks", "1", "S34", "Σ (λ + 1/λ − 2) from block products",
            s -> s.analysis().isStochastic() ? ident(s, BlockIdentities::s34Blocks) : s.analysis().spectrum().checks().s34Blocks()),
    MAX_CHECK_RESIDUAL("max_check_residual", "1", "P13", "largest relative residual of the eigenvalue vs block-product identities",
            s -> s.analysis().isStochastic() ? Double.NaN : s.analysis().spectrum().checks().maxRelativeResidual(s.analysis().spectrum().nNontrivial())),

    // ------------------------------------------------------------ per space: Gaussian ensemble at the configured β (S12)–(S19)
    GAUSS_BETA("gauss_beta", "1", "S7", "β at which the Gaussian ensemble columns are evaluated", s -> s.analysis().ensemble().beta()),
    GAUSS_LN_Z("gauss_ln_z", "nat", "S13", "ln Z of the Gaussian ensemble at gauss_beta", s -> s.analysis().ensemble().lnZ()),
    GAUSS_Z("gauss_z", "1", "S12", "Z at gauss_beta (may overflow to Infinity; use gauss_ln_z)", s -> s.analysis().ensemble().z()),
    GAUSS_U("gauss_u", "1", "S14", "U = N_G/(2β) + E₀ at gauss_beta", s -> s.analysis().ensemble().u()),
    GAUSS_F("gauss_f", "1", "S15", "F at gauss_beta", s -> s.analysis().ensemble().f()),
    GAUSS_S("gauss_s", "nat", "S16", "S at gauss_beta", s -> s.analysis().ensemble().s()),
    GAUSS_S0("gauss_s0", "nat", "S19", "S₀ = (N_G/2) ln(2πe/β) at gauss_beta", s -> s.analysis().ensemble().s0()),
    GAUSS_E0("gauss_e0", "1", "S10", "E₀, the minimum of the quadratic loss (0 for m = 0)", s -> s.analysis().ensemble().e0()),

    // ------------------------------------------------------------ per space: complexity (S19), (S21), (S22), A4
    /**
     * C_&gt;(λ_c) of (S21). Recorded as {@code c_gt_1_<space>} for the default λ_c = 1 (what {@link #column} names),
     * otherwise e.g. {@code c_gt_0p5_<space>} ({@link #column(IntegrationSpace, double)}).
     */
    C_GT("c_gt_1", "nat", "S21", "complexity C_>(1) = −½ Σ_{λ>1} ln λ (A4 default)", s -> s.analysis().complexity().cGt()),
    EFFECTIVE_RANK("effective_rank", "1", "S22", "r_ε = #{λ > ε} with the configured rankEpsilon (default 0.1), trivial eigenvalues counted", s -> s.analysis().complexity().effectiveRank()),
    C_M("c_m", "nat", "S21", "mass-regularised complexity −½ Σ ln(λ + m) (NaN for m = 0)", s -> s.analysis().complexity().cMass()),
    C_LN_DET("c_ln_det", "nat", "S19", "−½ ln det Ĝ (0 for m = 0: a check)", s -> s.analysis().complexity().cLnDet()),
    S_TOTAL_GAUSS("s_total_gauss", "nat", "S18", "S₀ + C_> at gauss_beta", s -> s.analysis().sTotal()),

    // ------------------------------------------------------------ per space: log-moments (S35)
    MU1("mu1", "1", "S35", muDescription(1), s -> s.analysis().moments().mu(1)),
    MU2("mu2", "1", "S35", muDescription(2), s -> s.analysis().moments().mu(2)),
    MU3("mu3", "1", "S35", muDescription(3), s -> s.analysis().moments().mu(3)),
    MU4("mu4", "1", "S35", muDescription(4), s -> s.analysis().moments().mu(4)),
    MU1_NT("mu1_nt", "1", "S35", "μ_1 over the non-trivial eigenvalues", s -> s.analysis().moments().muNt(1)),
    MU2_NT("mu2_nt", "1", "S35", "μ_2 over the non-trivial eigenvalues", s -> s.analysis().moments().muNt(2)),
    MU3_NT("mu3_nt", "1", "S35", "μ_3 over the non-trivial eigenvalues", s -> s.analysis().moments().muNt(3)),
    MU4_NT("mu4_nt", "1", "S35", "μ_4 over the non-trivial eigenvalues", s -> s.analysis().moments().muNt(4)),
    SKEWNESS_NT("skewness_nt", "1", "S35", "γ = μ₃/μ₂^{3/2} of the non-trivial ln λ", s -> s.analysis().moments().skewnessNt()),
    KAPPA1("kappa1", "1", "S35", kappaDescription(1), s -> s.analysis().moments().kappa(1)),
    KAPPA2("kappa2", "1", "S35", kappaDescription(2), s -> s.analysis().moments().kappa(2)),
    KAPPA3("kappa3", "1", "S35", kappaDescription(3), s -> s.analysis().moments().kappa(3)),
    KAPPA4("kappa4", "1", "S35", kappaDescription(4), s -> s.analysis().moments().kappa(4)),

    // ------------------------------------------------------------ per space: Laplacians of F (S28)–(S30)
    LAPLACIAN_F_LAMBDA("laplacian_f_lambda", "1", "S30", "∇²F in λ coordinates, −(1/(2β)) Σ λ⁻²", s -> s.analysis().laplacianFLambda()),
    LAPLACIAN_F_LN_LAMBDA("laplacian_f_ln_lambda", "1", "S30", "∇²F in ln λ coordinates with φ_box", s -> s.analysis().laplacianFLnLambda()),
    ENTROPY_RATE("entropy_rate", "nat", "S28", "dS_q/dβ = γ ⟨∇²F⟩ (ascent sign, A9)", s -> s.analysis().entropyRate()),

    // ------------------------------------------------------------ per space: how the spectrum was computed
    COMPRESSED_SIZE("compressed_size", "1", "S36", "size of the compressed operator whose singular values give the spectrum",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().nCompressed() : s.analysis().spectrum().compressedSize()),
    LEFT_TAIL_FROM_INVERSE("left_tail_from_inverse", "1", "", "1 if the left tail came from the Neumann inverse (§8 item 6)",
            s -> s.analysis().isStochastic() || s.analysis().spectrum().leftTailFromInverse() ? 1.0 : 0.0),
    SPACE_ANALYSIS_SECONDS("analysis_seconds", "s", "", "wall time of this space's analysis", s -> s.analysis().seconds()),

    // ------------------------------------------------------------ per space: exact or stochastic route (issue 11) and standard errors
    ROUTE("route", "1", "S11", "0 = exact spectrum (eigenvalue list), 1 = stochastic Lanczos quadrature estimate", s -> s.analysis().isStochastic() ? 1.0 : 0.0),
    PROBES("probes", "1", "", "Rademacher probe vectors of the stochastic estimate (0 on the exact route)",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().probes() : 0.0),
    LANCZOS_STEPS("lanczos_steps", "1", "", "Lanczos steps per probe, on Ĝ and again on Ĝ⁻¹ (0 on the exact route)",
            s -> s.analysis().isStochastic() ? s.analysis().stochastic().steps() : 0.0),
    LN_LAMBDA_MIN_SE("ln_lambda_min_se", "1", "S11", "Lanczos residual bound of ln_lambda_min (ln λ units; 0 on the exact route)",
            s -> se(s, StochasticSpectrum::lnLambdaMin)),
    LN_LAMBDA_MAX_SE("ln_lambda_max_se", "1", "S11", "Lanczos residual bound of ln_lambda_max (ln λ units; 0 on the exact route)",
            s -> se(s, StochasticSpectrum::lnLambdaMax)),
    SUM_LN_LAMBDA_SE("sum_ln_lambda_se", "1", "S20", seDescription("sum_ln_lambda"), s -> se(s, StochasticSpectrum::lnDet)),
    SUM_INV_LAMBDA_SE("sum_inv_lambda_se", "1", "P13", seDescription("sum_inv_lambda"), s -> se(s, StochasticSpectrum::sumInvLambda)),
    /** Standard error of {@link #C_GT}; named after the run's λ_c like it ({@code c_gt_1_se_<space>}). */
    C_GT_SE("c_gt_1_se", "nat", "S21", seDescription("c_gt_1"), s -> se(s, StochasticSpectrum::cGt)),
    EFFECTIVE_RANK_SE("effective_rank_se", "1", "S22", seDescription("effective_rank"), s -> se(s, StochasticSpectrum::effectiveRank)),
    C_M_SE("c_m_se", "nat", "S21", seDescription("c_m"), s -> se(s, StochasticSpectrum::cMass)),
    MU1_SE("mu1_se", "1", "S35", seDescription("mu1"), s -> se(s, x -> x.mu()[1])),
    MU2_SE("mu2_se", "1", "S35", seDescription("mu2"), s -> se(s, x -> x.mu()[2])),
    MU3_SE("mu3_se", "1", "S35", seDescription("mu3"), s -> se(s, x -> x.mu()[3])),
    MU4_SE("mu4_se", "1", "S35", seDescription("mu4"), s -> se(s, x -> x.mu()[4])),
    MU2_NT_SE("mu2_nt_se", "1", "S35", seDescription("mu2_nt"), s -> se(s, x -> x.muNt()[2])),
    MU3_NT_SE("mu3_nt_se", "1", "S35", seDescription("mu3_nt"), s -> se(s, x -> x.muNt()[3])),
    MU4_NT_SE("mu4_nt_se", "1", "S35", seDescription("mu4_nt"), s -> se(s, x -> x.muNt()[4])),
    SKEWNESS_NT_SE("skewness_nt_se", "1", "S35", seDescription("skewness_nt"), s -> se(s, StochasticSpectrum::skewnessNt)),
    KAPPA2_SE("kappa2_se", "1", "S35", seDescription("kappa2"), s -> se(s, x -> x.kappa()[2])),
    KAPPA3_SE("kappa3_se", "1", "S35", seDescription("kappa3"), s -> se(s, x -> x.kappa()[3])),
    KAPPA4_SE("kappa4_se", "1", "S35", seDescription("kappa4"), s -> se(s, x -> x.kappa()[4])),
    LAPLACIAN_F_LAMBDA_SE("laplacian_f_lambda_se", "1", "S30", seDescription("laplacian_f_lambda"), s -> se(s, StochasticSpectrum::laplacianLambda)),
    LAPLACIAN_F_LN_LAMBDA_SE("laplacian_f_ln_lambda_se", "1", "S30", seDescription("laplacian_f_ln_lambda"),
            s -> se(s, StochasticSpectrum::laplacianLnLambda)),
    /** dS_q/dβ = ±γ ∇²F (S28) is linear in the Laplacian, so its standard error is |γ| times the Laplacian's. */
    ENTROPY_RATE_SE("entropy_rate_se", "nat", "S28", seDescription("entropy_rate"), s -> {
        if (!s.analysis().isStochastic()) return 0.0;
        double lap = s.analysis().laplacianFLnLambda();
        return lap == 0 ? 0.0 : Math.abs(s.analysis().entropyRate() / lap) * s.analysis().stochastic().laplacianLnLambda().se();
    }),

    // ------------------------------------------------------------ per space: data-driven temperature (S23), (S24) and entropy
    TEMPERATURE("temperature", "1", "S23", "T̂ = 2U/N_G, equipartition estimate from the bulk loss", SpaceMeasurement::temperature),
    BETA_HAT("beta_hat", "1", "S23", "β̂ = N_G/(2U)", s -> s.thermometer() == null ? Double.NaN : s.thermometer().beta()),
    BETA_FL("beta_fl", "1", "S24", "β̂_fl = √(N_G / (2 Var_s H_s)), fluctuation estimate",
            s -> s.thermometer() == null ? Double.NaN : s.thermometer().betaFluctuation()),
    VAR_RATIO("var_ratio", "1", "S24", "Var H/⟨H⟩² × N_G/2 (1 for a canonical Gaussian ensemble)",
            s -> s.thermometer() == null ? Double.NaN : s.thermometer().varianceRatio() / s.thermometer().varianceRatioGaussian()),
    S0("s0", "nat", "S19", "S₀ = (N_G/2) ln(2πe T̂), thermodynamic entropy at the estimated temperature",
            s -> GaussianEnsemble.s0(s.analysis().nG(), s.temperature())),
    S_TOTAL("s_total", "nat", "S18", "S = S₀ + C_>(1) at the estimated temperature",
            s -> GaussianEnsemble.s0(s.analysis().nG(), s.temperature()) + s.analysis().complexity().cGt());

    /** Whether a metric is one number per checkpoint or one per integration space (A1). */
    public enum Scope { RUN, SPACE }

    /** What a run-level metric needs to exist in the records. */
    public enum Needs {
        /** Always recorded. */
        NOTHING,
        /** Recorded only when the run measures losses (a non-empty loss subset, bulkSamples &gt; 0). */
        LOSSES
    }

    @FunctionalInterface
    interface RunValue { double of(Measurements m); }

    @FunctionalInterface
    interface SpaceValue { double of(SpaceMeasurement s); }

    private final String base;
    private final Scope scope;
    private final String unit;
    private final String formula;
    private final String description;
    private final Needs needs;
    private final RunValue runValue;
    private final SpaceValue spaceValue;

    Metric(String base, String unit, String formula, String description, Needs needs, RunValue value) {
        this.base = base;
        this.scope = Scope.RUN;
        this.unit = unit;
        this.formula = formula;
        this.description = description;
        this.needs = needs;
        this.runValue = value;
        this.spaceValue = null;
    }

    Metric(String base, String unit, String formula, String description, SpaceValue value) {
        this.base = base;
        this.scope = Scope.SPACE;
        this.unit = unit;
        this.formula = formula;
        this.description = description;
        this.needs = Needs.NOTHING;
        this.runValue = null;
        this.spaceValue = value;
    }

    private static String muDescription(int n) { return "μ_" + n + " = (1/N_G) Σ (ln λ)^" + n + " over all N_G eigenvalues"; }

    private static String kappaDescription(int n) { return "κ_" + n + " = (1/N_G) tr[(Ĝ − Î)^" + n + "]"; }

    /** The base name: the column name of a run-level metric, the name before {@code _<space>} of a per-space one. */
    public String base() { return base; }

    public Scope scope() { return scope; }

    public String unit() { return unit; }

    /** The formula, prediction or ambiguity id of docs/THEORY.md ("" when the metric is bookkeeping). */
    public String formula() { return formula; }

    public String description() { return description; }

    public Needs needs() { return needs; }

    /** True for wall-time metrics, which differ between two runs of the same configuration. */
    public boolean isWallTime() { return "s".equals(unit); }

    /** The column name of a run-level metric. */
    public String column() {
        if (scope != Scope.RUN) throw new IllegalArgumentException(this + " is recorded per integration space; name the space: column(IntegrationSpace.ALL)");
        return base;
    }

    /** The column name of a per-space metric in {@code space}, e.g. {@code c_gt_1_all}. */
    public String column(IntegrationSpace space) {
        if (scope != Scope.SPACE) throw new IllegalArgumentException(this + " is a run-level metric; use column()");
        return base + "_" + space.label();
    }

    /** The column name with the complexity threshold λ_c of the run (only {@link #C_GT} depends on it). */
    public String column(IntegrationSpace space, double lambdaC) {
        if (this == C_GT_SE) return cGtBase(lambdaC) + "_se_" + space.label();
        return this == C_GT ? cGtBase(lambdaC) + "_" + space.label() : column(space);
    }

    /** The run-level value. */
    public double value(Measurements m) {
        if (scope != Scope.RUN) throw new IllegalArgumentException(this + " is recorded per integration space");
        return runValue.of(m);
    }

    /** The per-space value. */
    public double value(SpaceMeasurement s) {
        if (scope != Scope.SPACE) throw new IllegalArgumentException(this + " is a run-level metric");
        return spaceValue.of(s);
    }

    /**
     * The key columns that precede the metrics in metrics.arrow, with the same name, type, unit and
     * description as in spectra.arrow ({@code SpectraWriter.FIELDS}), so the two files join on them.
     */
    public static List<ColumnSpec> keyColumns() {
        return List.of(ColumnSpec.int64("checkpoint", "1", "checkpoint index, 0-based in recording order (0 = initial network)"),
                ColumnSpec.float64("epoch", "epoch", "training epoch at the checkpoint", ""),
                ColumnSpec.int64("step", "step", "optimizer steps taken"));
    }

    /** The metrics of one scope, in record order. */
    public static List<Metric> of(Scope scope) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : values()) if (m.scope == scope) out.add(m);
        return Collections.unmodifiableList(out);
    }

    /** The spec of this metric's column in {@code space} (null for a run-level metric) with threshold λ_c. */
    public ColumnSpec spec(IntegrationSpace space, double lambdaC) {
        if (scope == Scope.RUN) return ColumnSpec.float64(base, unit, description, formula);
        if (this == C_GT_SE && lambdaC != 1.0) {
            return ColumnSpec.float64(column(space, lambdaC), "nat", "standard error of C_>(λ_c) with the configured lambdaC (0 on the exact route)", "S21");
        }
        if (this == C_GT && lambdaC != 1.0) {
            return ColumnSpec.float64(column(space, lambdaC), "nat", "complexity C_>(λ_c) = −½ Σ_{λ>λ_c} ln λ with the configured lambdaC", "S21");
        }
        return ColumnSpec.float64(column(space), unit, description + " [" + space.label() + " space]", formula);
    }

    /**
     * The metrics row of a checkpoint, in record order: the run-level metrics (those needing losses only when they
     * were measured), then every per-space metric for each analysed space. {@code recordSeconds} and
     * {@code elapsedSeconds} are NaN until the writer fills them in.
     */
    public static Row row(Measurements m) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        List<ColumnSpec> specs = new ArrayList<>(keyColumns());
        for (Metric x : of(Scope.RUN)) {
            if (x.needs == Needs.LOSSES && !m.hasLosses()) continue;
            values.put(x.base, x.value(m));
            specs.add(x.spec(null, 1.0));
        }
        for (SpaceAnalysis a : m.analysis().spaces()) {
            SpaceMeasurement s = new SpaceMeasurement(a, m.hasLosses() ? Thermometer.fromBulk(m.bulk(), a.nG()) : null);
            double lambdaC = a.complexity().lambdaC();
            for (Metric x : of(Scope.SPACE)) {
                values.put(x.column(a.space(), lambdaC), x.value(s));
                specs.add(x.spec(a.space(), lambdaC));
            }
        }
        return new Row(values, List.copyOf(specs));
    }

    /** The snapshot-only per-space values (no thermometer: temperature-based metrics are NaN), named as recorded. */
    public static LinkedHashMap<String, Double> snapshotValues(List<SpaceAnalysis> spaces) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (SpaceAnalysis a : spaces) {
            SpaceMeasurement s = new SpaceMeasurement(a, null);
            for (Metric x : of(Scope.SPACE)) values.put(x.column(a.space(), a.complexity().lambdaC()), x.value(s));
        }
        return values;
    }

    /** A metrics row: values by column name (float64 columns only) and the specs of all columns, keys first. */
    public record Row(LinkedHashMap<String, Double> values, List<ColumnSpec> specs) { }

    private static String seDescription(String of) {
        return "standard error of " + of + " (jackknife over the probes of the stochastic route; 0 on the exact route)";
    }

    /** The standard error of a stochastic estimate, 0 on the exact route. */
    private static double se(SpaceMeasurement s, java.util.function.Function<StochasticSpectrum, Estimate> f) {
        return s.analysis().isStochastic() ? f.apply(s.analysis().stochastic()).se() : 0.0;
    }

    /** A block-product identity of the space (NaN without identities). */
    private static double ident(SpaceMeasurement s, java.util.function.ToDoubleFunction<BlockIdentities> f) {
        return s.analysis().identities() == null ? Double.NaN : f.applyAsDouble(s.analysis().identities());
    }

    /** "c_gt_1" for λ_c = 1, otherwise e.g. "c_gt_0p5". */
    static String cGtBase(double lambdaC) {
        if (lambdaC == Math.rint(lambdaC) && Math.abs(lambdaC) < 1e9) return "c_gt_" + (long) lambdaC;
        return "c_gt_" + String.format(Locale.ROOT, "%s", lambdaC).replace('.', 'p').replace('-', 'm');
    }
}
