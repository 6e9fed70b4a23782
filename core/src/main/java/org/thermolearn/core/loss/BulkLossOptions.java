package org.thermolearn.core.loss;

/**
 * Settings of the bulk-loss minimiser {@link BulkLoss}.
 *
 * @param gtol             a sample has converged when the inf-norm of the gradient of its objective with respect to
 *                         the hidden neurons is ≤ gtol (absolute; default 1e-9)
 * @param maxIterations    cap on objective-and-gradient evaluations per sample (default 2000); a sample that reaches it
 *                         is counted in {@link BulkLossResult#notConverged()}
 * @param memory           number of L-BFGS correction pairs kept per sample (default 10)
 * @param chunkSize        samples minimised together, vectorised with gemm (default 1000 = {@link BoundaryLoss#CHUNK};
 *                         keep them equal if the start value must reproduce the boundary loss bit for bit)
 * @param potential        the potential V of (S6), summed over non-input neurons (default none, i.e. (S4))
 * @param keepHiddenStates whether the result carries the minimising hidden states (samples × hidden neurons)
 * @param method           the search directions (default {@link Method#GAUSS_NEWTON}; with a potential the
 *                         objective is no sum of squares and L-BFGS is used whatever is asked)
 */
public record BulkLossOptions(double gtol, int maxIterations, int memory, int chunkSize, Potential potential,
                              boolean keepHiddenStates, Method method) {

    /** How {@link BulkLoss} chooses its search directions (the line search and stopping rules are the same). */
    public enum Method {
        /** Per-sample L-BFGS with {@link #memory()} correction pairs. */
        LBFGS,
        /** Gauss–Newton on the structured per-sample least-squares problem (see {@code BulkObjective}). */
        GAUSS_NEWTON
    }

    /** gtol 1e-9, 2000 evaluations, memory 10, chunks of 1000, no potential, no hidden states, Gauss–Newton. */
    public static final BulkLossOptions DEFAULT = new BulkLossOptions(1e-9, 2000, 10, BoundaryLoss.CHUNK, Potential.NONE, false,
            Method.GAUSS_NEWTON);

    public BulkLossOptions {
        if (!(gtol >= 0) || Double.isInfinite(gtol)) {
            throw new IllegalArgumentException("bulk-loss gtol is " + gtol + "; give a finite gradient tolerance >= 0, e.g. 1e-9");
        }
        if (maxIterations < 1) throw new IllegalArgumentException("bulk-loss maxIterations is " + maxIterations + "; it must be >= 1");
        if (memory < 1) throw new IllegalArgumentException("bulk-loss L-BFGS memory is " + memory + "; it must be >= 1 (10 is typical)");
        if (chunkSize < 1) throw new IllegalArgumentException("bulk-loss chunk size is " + chunkSize + "; it must be >= 1");
        if (potential == null) throw new IllegalArgumentException("bulk-loss potential is null; use Potential.NONE");
        if (method == null) throw new IllegalArgumentException("bulk-loss method is null; use Method.GAUSS_NEWTON or Method.LBFGS");
    }

    public BulkLossOptions withGtol(double g) { return new BulkLossOptions(g, maxIterations, memory, chunkSize, potential, keepHiddenStates, method); }

    public BulkLossOptions withMaxIterations(int n) { return new BulkLossOptions(gtol, n, memory, chunkSize, potential, keepHiddenStates, method); }

    public BulkLossOptions withMemory(int m) { return new BulkLossOptions(gtol, maxIterations, m, chunkSize, potential, keepHiddenStates, method); }

    public BulkLossOptions withChunkSize(int c) { return new BulkLossOptions(gtol, maxIterations, memory, c, potential, keepHiddenStates, method); }

    public BulkLossOptions withPotential(Potential v) { return new BulkLossOptions(gtol, maxIterations, memory, chunkSize, v, keepHiddenStates, method); }

    public BulkLossOptions withHiddenStates(boolean keep) { return new BulkLossOptions(gtol, maxIterations, memory, chunkSize, potential, keep, method); }

    public BulkLossOptions withMethod(Method m) { return new BulkLossOptions(gtol, maxIterations, memory, chunkSize, potential, keepHiddenStates, m); }

    /** Whether Gauss–Newton directions are used: asked for, and (S4) without a potential. */
    public boolean usesGaussNewton() { return method == Method.GAUSS_NEWTON && potential.isNone(); }
}
