package org.thermolearn.core.loss;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batched minimiser on one-dimensional quadratics f_s(x) = ½ a_s (x − t_s)², where every step can be worked out by hand:
 * from x₀ the first direction is steepest descent with a unit step, x₁ − t = (1 − a)(x₀ − t), accepted by Armijo for 0 &lt; a &lt; 2
 * ((1 − a)² ≤ 1 − 2·10⁻⁴ a); the first correction pair s = x₁ − x₀, y = a s makes the L-BFGS direction the exact Newton step
 * −g/a, so the minimum t is reached with the third evaluation (the second when a = 1, where the first step is already exact).
 * Rows finish at different times, so the minimiser compacts its rows: each result must still belong to its own row (issue 18:
 * PIT survivors of the batched L-BFGS).
 */
class BatchedLbfgsQuadraticTest {

    /** ½ a_s (x − t_s)²; a, t move with the rows. With {@code wrongGradient} the gradient has the wrong sign (no descent possible). */
    static final class Quadratics implements RowObjective {
        final double[] a, t;
        final boolean wrongGradient;

        Quadratics(double[] a, double[] t, boolean wrongGradient) {
            this.a = a.clone();
            this.t = t.clone();
            this.wrongGradient = wrongGradient;
        }

        @Override
        public int dimension() { return 1; }

        @Override
        public void evaluate(int rows, double[] x, double[] values, double[] gradient) {
            for (int s = 0; s < rows; s++) {
                double e = x[s] - t[s];
                values[s] = 0.5 * a[s] * e * e;
                if (gradient != null) gradient[s] = (wrongGradient ? -1 : 1) * a[s] * e;
            }
        }

        @Override
        public void moveRow(int from, int to) {
            a[to] = a[from];
            t[to] = t[from];
        }
    }

    @Test
    void eachRowReachesItsOwnMinimumInTheHandCountedEvaluations() {
        int n = 16;
        double[] a = new double[n], t = new double[n];
        for (int s = 0; s < n; s++) {
            a[s] = s % 2 == 0 ? 1 : new double[] {0.5, 1.5, 0.25, 1.9}[(s / 2) % 4];
            t[s] = s - 3.5;
        }
        BatchedLbfgs m = new BatchedLbfgs(n, 1, 3);
        double[] x = m.states();
        for (int s = 0; s < n; s++) x[s] = t[s] + (s % 3 == 0 ? 2 : -1);
        RowMinima r = m.minimise(new Quadratics(a, t, false), n, 1e-12, 50, false, true);
        for (int s = 0; s < n; s++) {
            double e0 = s % 3 == 0 ? 2 : -1;
            assertEquals(0.5 * a[s] * e0 * e0, r.start()[s], 0, "row " + s + ": start value");
            assertEquals(t[s], r.states()[s], 1e-12, "row " + s + ": its own minimum");
            assertEquals(0, r.values()[s], 1e-24, "row " + s);
            assertEquals(a[s] == 1 ? 2 : 3, r.evaluations()[s], "row " + s + " (a = " + a[s] + ")");
            assertEquals(Math.abs(a[s] * (r.states()[s] - t[s])), r.gradInf()[s], 1e-15, "row " + s + ": |∇f| at the end");
        }
        assertEquals(0, r.notConverged());
        assertEquals(0, r.stalled());
    }

    @Test
    void theBudgetCountsEveryEvaluationAndTheStartIsOne() {
        // a = 0.5: after two evaluations the point is (1 − 0.5)·2 = 1 from the minimum, the budget of 2 is spent
        double[] a = {0.5, 0.5, 0.5}, t = {0, 1, 2};
        BatchedLbfgs m = new BatchedLbfgs(3, 1, 3);
        for (int s = 0; s < 3; s++) m.states()[s] = t[s] + 2;
        RowMinima r = m.minimise(new Quadratics(a, t, false), 3, 1e-12, 2, false, true);
        assertEquals(3, r.notConverged());
        assertEquals(0, r.stalled());
        for (int s = 0; s < 3; s++) {
            assertEquals(2, r.evaluations()[s]);
            assertEquals(t[s] + 1, r.states()[s], 1e-15);
            assertEquals(0.25, r.values()[s], 1e-15);
            assertEquals(0.5, r.gradInf()[s], 1e-15);
        }
        // a budget of one evaluation: only the start
        BatchedLbfgs one = new BatchedLbfgs(3, 1, 3);
        for (int s = 0; s < 3; s++) one.states()[s] = t[s] + 2;
        RowMinima r1 = one.minimise(new Quadratics(a, t, false), 3, 1e-12, 1, false, false);
        assertEquals(3, r1.notConverged());
        for (int s = 0; s < 3; s++) assertEquals(1.0, r1.values()[s], 0);
    }

    @Test
    void aGradientThatDoesNotDescendStallsAtTheStart() {
        // the "gradient" points uphill: every trial along −g raises f, the step shrinks to round-off and the row stalls
        double[] a = {1, 2}, t = {0, 0};
        BatchedLbfgs m = new BatchedLbfgs(2, 1, 3);
        m.states()[0] = 1;
        m.states()[1] = -1;
        RowMinima r = m.minimise(new Quadratics(a, t, true), 2, 1e-12, 10_000, false, true);
        assertEquals(2, r.stalled());
        assertEquals(0, r.notConverged());
        assertEquals(0.5, r.values()[0], 0);
        assertEquals(1.0, r.values()[1], 0);
        assertEquals(1.0, r.states()[0], 0);
        assertEquals(-1.0, r.states()[1], 0);
    }
}
