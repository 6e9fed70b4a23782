package org.thermolearn.core.train;

/**
 * The SGD family: plain SGD (the paper's default), heavy-ball momentum v ← μv + g, θ ← θ − η v,
 * and L2 weight decay adding λθ to the gradient of the weights (not of the biases).
 */
public record Optimizer(double learningRate, double momentum, double l2, Schedule schedule) {

    public Optimizer {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("L2 weight decay must be ≥ 0, got " + l2);
        }
    }

    /** Plain SGD with a constant learning rate. */
    public static Optimizer sgd(double learningRate) {
        return new Optimizer(learningRate, 0, 0, Schedule.constant());
    }

    public Optimizer withMomentum(double mu) { return new Optimizer(learningRate, mu, l2, schedule); }

    public Optimizer withL2(double lambda) { return new Optimizer(learningRate, momentum, lambda, schedule); }

    public Optimizer withSchedule(Schedule s) { return new Optimizer(learningRate, momentum, l2, s); }
}
