package org.thermolearn.core.loss;

/**
 * A batch of independent objectives f_s(x_s), one per row s, x_s ∈ ℝ^dimension, evaluated together (so that an
 * implementation can use one gemm for all rows). The minimiser owns the variables (rows × dimension, row-major);
 * the objective owns whatever per-row data it needs and moves it when the minimiser compacts its rows.
 */
interface RowObjective {

    /** Variables per row. */
    int dimension();

    /**
     * f_s and (if {@code gradient} is not null) ∇f_s for rows 0 … rows−1 at {@code x} (rows × dimension).
     */
    void evaluate(int rows, double[] x, double[] values, double[] gradient);

    /** Moves the per-row data of row {@code from} to row {@code to} (to &lt; from): the minimiser compacts. */
    void moveRow(int from, int to);

    /** Whether {@link #gaussNewtonDirection} is available (a sum-of-squares objective with a cheap solve). */
    default boolean hasGaussNewton() { return false; }

    /**
     * The Gauss–Newton direction of every row 0 … rows−1 at the point of the last {@link #evaluate} call (made with
     * a gradient, for the same rows) into {@code dir} (rows × dimension).
     */
    default void gaussNewtonDirection(int rows, double[] dir) {
        throw new UnsupportedOperationException("this objective has no Gauss-Newton direction");
    }
}
