package org.thermolearn.core.network;

/**
 * The clamped dynamics (S1′) x(t+1) = P̂_in x(0) + (Î − P̂_in) f(ŵ x(t) + b) on the full state vector,
 * and its fixed point x̄ (S2). For a nilpotent ŵ with L levels the fixed point is reached after exactly
 * L − 1 iterations (P10); for a non-nilpotent ŵ the iteration may converge, oscillate or diverge.
 */
public final class Dynamics {

    private Dynamics() { }

    /** One step of (S1′). */
    public static double[] step(Network net, double[] x0, double[] x) {
        NeuronLayout l = net.layout();
        double[] z = net.weights().multiply(x);
        double[] next = new double[l.n()];
        System.arraycopy(x0, 0, next, 0, l.nIn());
        for (int i = l.nIn(); i < l.n(); i++) next[i] = net.activationOfNeuron(i).f(z[i] + net.bias()[i]);
        return next;
    }

    /** The result of iterating (S1′): the state and the number of steps after which it stopped changing. */
    public record FixedPoint(double[] state, int iterations, boolean converged) { }

    /**
     * Iterates (S1′) from x(0) = (input, 0, …, 0) until a step changes nothing (exactly) or
     * {@code maxIterations} is reached. {@code iterations} counts the steps that changed the state.
     */
    public static FixedPoint fixedPoint(Network net, double[] input, int maxIterations) {
        NeuronLayout l = net.layout();
        if (input.length != l.nIn()) {
            throw new IllegalArgumentException("input has " + input.length + " values, the network has n_in = " + l.nIn());
        }
        double[] x0 = new double[l.n()];
        System.arraycopy(input, 0, x0, 0, l.nIn());
        double[] x = x0;
        for (int t = 0; t < maxIterations; t++) {
            double[] next = step(net, x0, x);
            if (java.util.Arrays.equals(next, x)) return new FixedPoint(x, t, true);
            x = next;
        }
        return new FixedPoint(x, maxIterations, false);
    }
}
