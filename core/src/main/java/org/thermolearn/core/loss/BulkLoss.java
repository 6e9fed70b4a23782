package org.thermolearn.core.loss;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;

import java.util.Arrays;

/**
 * The bulk loss (S4) (talk eq. (3)), optionally with a potential (S6): for every sample the boundary
 * neurons are clamped to the data (inputs to the input, outputs to the target) and the hidden neurons h
 * are chosen to minimise
 *
 * <pre>
 *   B(h) = ½ Σ_{i non-input} (x_i − f((ŵx + b)_i))² + Σ_{i non-input} V(x_i)
 * </pre>
 *
 * for any feed-forward ŵ (layered or with skip edges). The gradient with respect to the hidden neurons
 * (theory.md §2.2, generalised to a DAG) is, with E = x − f(Z), Z = ŵx + b,
 *
 * <pre>
 *   ∂B/∂x_h = E_h + V′(x_h) − Σ_{blocks h→t} (E_t ⊙ f′(Z_t)) W_{th},
 * </pre>
 *
 * i.e. G = E ⊙ mask_nonInput − (E ⊙ F′(Z)) ŵ restricted to hidden neurons, evaluated for a whole chunk of
 * samples with one gemm per block.
 *
 * <p><b>Directions.</b> By default ({@link BulkLossOptions.Method#GAUSS_NEWTON}) Gauss–Newton: with no potential B is
 * ½|E|², and the Gauss–Newton step of a sample reduces to an n_out × n_out solve because the hidden residuals have a
 * unit lower block-triangular Jacobian (theory.md §2.2: "the Jacobian is block-bidiagonal"; see
 * {@code BulkObjective#gaussNewtonDirection}). On a trained 784-100-100-10 this takes ~11 evaluations per sample
 * instead of ~52. Samples still above gtol after 20 evaluations (large residuals: Gauss–Newton then converges slowly)
 * and every sample of (S6) with a potential continue with L-BFGS; the line search, the stopping rules and the
 * start below are the same for both.
 *
 * <p><b>Method.</b> Per-sample L-BFGS (memory {@link BulkLossOptions#memory()}), vectorised across a chunk:
 * every iteration makes exactly one objective-and-gradient evaluation for all active samples, each at its
 * own trial point x + α d. A sample accepts its trial if the Armijo condition B(x+αd) ≤ B(x) + 10⁻⁴ α ∇Bᵀd
 * holds. Near a minimum the decrease (~|∇B|²) falls below the rounding of the computed B (~10⁻¹⁶ B), so
 * there — only when the computed B changed by at most 8ε|B| — Armijo is tested on the trapezoidal estimate
 * ΔB ≈ ½α(∇B(x)ᵀd + ∇B(x+αd)ᵀd) built from gradients (exact for quadratics). Such a step can raise the
 * <em>computed</em> B by at most 8ε|B| (rounding noise); no step ever takes B above its start value, so the
 * result is at most the start value (P6). Rejected trials backtrack (safeguarded quadratic interpolation,
 * factor 0.1…0.5) and retry in the next iteration. Curvature pairs with sᵀy ≤ ε yᵀy are skipped; a non-descent
 * direction or a failed line search resets the memory to steepest descent. Hidden neurons whose incoming
 * blocks all come from the (clamped) input group have a constant pre-activation, so f is evaluated there
 * only once (for a 784-100-10 net this removes the expensive input gemm from the iteration).
 *
 * <p><b>Start.</b> The forward pass (hidden = forward activations): there the hidden residuals vanish and
 * the objective equals the boundary loss H_∂ (S3) plus V — the pre-activations are accumulated in the same
 * order as {@link org.thermolearn.core.network.ForwardPass}, so with no potential the start value equals
 * {@link BoundaryLoss} bit for bit (same chunking). Hence bulk ≤ boundary per sample (P6) holds exactly.
 *
 * <p><b>Convergence criterion.</b> Per sample: ‖∂B/∂h‖_∞ ≤ gtol (default 1e-9, absolute). A sample stops
 * unconverged when it has used {@link BulkLossOptions#maxIterations()} evaluations (counted in
 * {@link BulkLossResult#notConverged()}) or when even a steepest-descent step shrunk to round-off size
 * (|αd|_∞ ≤ 4ε(1 + |x|_∞)) does not decrease B ({@link BulkLossResult#stalled()}). The result reports
 * the largest final gradient inf-norm, the evaluation counts and both counters.
 *
 * <p>The minimum found is a local one, reached from the forward-pass start that (S4) prescribes; (S4) is
 * non-convex in general. Instances are immutable and thread-safe.
 *
 * <p><b>Structure and threads.</b> {@link BulkObjective} computes B and ∇B for a chunk of samples (one gemm per
 * block), {@link BatchedLbfgs} minimises any such batch of row objectives and returns a {@link RowMinima}
 * record. Chunks ({@link BulkLossOptions#chunkSize()} samples) are independent: chunk c runs on thread
 * c mod threads (the calling thread and the common fork-join pool), and the result is the same bits for any
 * thread count.
 */
public final class BulkLoss {

    private final Linalg la;
    private final BulkLossOptions options;
    private final int threads;

    /** On min(2, cores) threads. */
    public BulkLoss(Linalg la, BulkLossOptions options) {
        this(la, options, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * On {@code threads} threads: chunk c goes to thread c mod threads. Every chunk is minimised on its own,
     * so the result does not depend on the thread count.
     */
    public BulkLoss(Linalg la, BulkLossOptions options, int threads) {
        if (threads < 1) throw new IllegalArgumentException("bulk-loss threads must be >= 1, got " + threads);
        this.threads = threads;
        if (la == null) throw new IllegalArgumentException("linear-algebra backend is null; use Linalg.auto()");
        if (options == null) throw new IllegalArgumentException("bulk-loss options are null; use BulkLossOptions.DEFAULT");
        this.la = la;
        this.options = options;
    }

    /** With {@link BulkLossOptions#DEFAULT}. */
    public BulkLoss(Linalg la) {
        this(la, BulkLossOptions.DEFAULT);
    }

    public BulkLossOptions options() { return options; }

    public Linalg linalg() { return la; }

    /**
     * Minimises (S4)/(S6) for every sample.
     *
     * @param inputs  samples × n_in, row-major
     * @param targets samples × n_out, row-major
     * @throws IllegalArgumentException on a non-feed-forward or non-finite network, on array lengths that do not
     *                                  match the layout, or on NaN/infinite data
     */
    public BulkLossResult evaluate(Network net, double[] inputs, double[] targets) {
        int samples = Checks.samples(net, inputs, targets);
        int hiddenCount = net.layout().hiddenCount();
        int cap = Math.min(options.chunkSize(), samples);
        int chunks = samples == 0 ? 0 : (samples + cap - 1) / cap;
        RowMinima[] minima = new RowMinima[chunks];
        int workers = Math.max(1, Math.min(threads, chunks));
        Runnable[] work = new Runnable[workers];
        for (int t = 0; t < workers; t++) {
            int first = t;
            work[t] = () -> {
                // chunk c goes to worker c mod workers; each chunk's result depends on the chunk alone
                BulkObjective objective = new BulkObjective(net, la, cap, options.potential());
                BatchedLbfgs lbfgs = new BatchedLbfgs(cap, hiddenCount, options.memory());
                for (int c = first; c < chunks; c += workers) {
                    int c0 = c * cap, nb = Math.min(cap, samples - c0);
                    objective.load(inputs, targets, c0, nb);
                    objective.forwardStates(nb, lbfgs.states());
                    minima[c] = lbfgs.minimise(objective, nb, options.gtol(), options.maxIterations(),
                            options.usesGaussNewton() && objective.hasGaussNewton(), options.keepHiddenStates());
                }
            };
        }
        runAll(work);
        double[] per = new double[samples], start = new double[samples], gInf = new double[samples];
        double[] hidden = options.keepHiddenStates() ? new double[samples * hiddenCount] : null;
        double mean = 0, startMean = 0, maxG = 0, meanIt = 0;
        int maxIt = 0, notConverged = 0, stalled = 0;
        for (int c = 0; c < chunks; c++) {
            RowMinima r = minima[c];
            int c0 = c * cap;
            System.arraycopy(r.values(), 0, per, c0, r.values().length);
            System.arraycopy(r.start(), 0, start, c0, r.start().length);
            System.arraycopy(r.gradInf(), 0, gInf, c0, r.gradInf().length);
            if (hidden != null) System.arraycopy(r.states(), 0, hidden, c0 * hiddenCount, r.states().length);
            for (int e : r.evaluations()) {
                maxIt = Math.max(maxIt, e);
                meanIt += e;
            }
            notConverged += r.notConverged();
            stalled += r.stalled();
        }
        for (int s = 0; s < samples; s++) {
            mean += per[s];
            startMean += start[s];
            maxG = Math.max(maxG, gInf[s]);
        }
        return new BulkLossResult(per, mean / samples, start, startMean / samples, gInf, maxG, maxIt, meanIt / samples,
                notConverged, stalled, hidden, hiddenCount, options.potential());
    }

    /** Runs the tasks, the first on the calling thread and the others in the common fork-join pool. */
    private static void runAll(Runnable[] work) {
        java.util.concurrent.ForkJoinTask<?>[] forked = new java.util.concurrent.ForkJoinTask<?>[work.length];
        for (int t = 1; t < work.length; t++) forked[t] = java.util.concurrent.ForkJoinTask.adapt(work[t]).fork();
        work[0].run();
        for (int t = 1; t < work.length; t++) forked[t].join();
    }

    /**
     * The bulk objective B and its gradient with respect to the hidden neurons at given hidden states, without
     * minimising: for checks (finite differences, P6) and for callers that run their own optimiser.
     *
     * @param hidden   samples × hiddenCount, row-major, hidden groups in group order
     * @param gradient if not {@code null}, receives ∂B/∂h (samples × hiddenCount)
     * @return B per sample
     */
    public double[] objective(Network net, double[] inputs, double[] targets, double[] hidden, double[] gradient) {
        int samples = Checks.samples(net, inputs, targets);
        int hc = net.layout().hiddenCount();
        if (hidden == null || hidden.length != samples * hc) {
            throw new IllegalArgumentException("hidden states hold " + (hidden == null ? "null" : hidden.length + " values")
                    + ", expected " + samples + " samples x " + hc + " hidden neurons");
        }
        if (gradient != null && gradient.length != samples * hc) {
            throw new IllegalArgumentException("gradient array holds " + gradient.length + " values, expected " + samples * hc);
        }
        Checks.finite("hidden states", hidden, Math.max(1, hc));
        int cap = Math.min(options.chunkSize(), samples);
        BulkObjective objective = new BulkObjective(net, la, cap, options.potential());
        double[] out = new double[samples], values = new double[cap];
        double[] g = gradient == null ? null : new double[cap * hc];
        for (int c0 = 0; c0 < samples; c0 += cap) {
            int nb = Math.min(cap, samples - c0);
            objective.load(inputs, targets, c0, nb);
            double[] h = Arrays.copyOfRange(hidden, c0 * hc, (c0 + nb) * hc);
            objective.evaluate(nb, h, values, g);
            System.arraycopy(values, 0, out, c0, nb);
            if (g != null) System.arraycopy(g, 0, gradient, c0 * hc, nb * hc);
        }
        return out;
    }

    /** Convenience: {@code new BulkLoss(la).evaluate(net, inputs, targets)}. */
    public static BulkLossResult of(Network net, double[] inputs, double[] targets, Linalg la) {
        return new BulkLoss(la).evaluate(net, inputs, targets);
    }

    @Override
    public String toString() {
        return "BulkLoss[" + la.name() + ", " + options + ", threads=" + threads + "]";
    }

    static double[] copyRows(double[] src, int row0, int rows, int width) {
        return Arrays.copyOfRange(src, row0 * width, (row0 + rows) * width);
    }
}
