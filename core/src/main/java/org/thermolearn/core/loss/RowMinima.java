package org.thermolearn.core.loss;

/**
 * What {@link BatchedLbfgs#minimise} found for each row of one batch (indices are the rows as loaded).
 *
 * @param values       f at the last accepted point
 * @param start        f at the start point
 * @param gradInf      ‖∇f‖∞ at the last accepted point
 * @param evaluations  objective-and-gradient evaluations used (the start included)
 * @param states       the last accepted points (rows × dimension), or null when not kept
 * @param notConverged rows that used the whole evaluation budget with ‖∇f‖∞ &gt; gtol
 * @param stalled      rows stopped because even a round-off-sized steepest-descent step did not decrease f
 */
record RowMinima(double[] values, double[] start, double[] gradInf, int[] evaluations, double[] states,
                 int notConverged, int stalled) {
}
