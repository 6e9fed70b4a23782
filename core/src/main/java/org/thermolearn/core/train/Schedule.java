package org.thermolearn.core.train;

/**
 * A learning-rate schedule η(e) as a function of the (fractional) epoch e = step / stepsPerEpoch:
 * constant η₀; step decay η₀ γ^{⌊e/k⌋}; exponential η₀ γ^{e}.
 */
public record Schedule(Kind kind, double gamma, double everyEpochs) {

    public enum Kind { CONSTANT, STEP, EXPONENTIAL }

    public Schedule {
        if (kind != Kind.CONSTANT && !(gamma > 0)) {
            throw new IllegalArgumentException("schedule " + kind + " needs gamma > 0, got " + gamma);
        }
        if (kind == Kind.STEP && !(everyEpochs > 0)) {
            throw new IllegalArgumentException("step schedule needs every > 0 epochs, got " + everyEpochs);
        }
    }

    public static Schedule constant() { return new Schedule(Kind.CONSTANT, 1, 1); }

    public static Schedule step(double gamma, double everyEpochs) { return new Schedule(Kind.STEP, gamma, everyEpochs); }

    public static Schedule exponential(double gamma) { return new Schedule(Kind.EXPONENTIAL, gamma, 1); }

    /** The learning rate at fractional epoch {@code epoch} given the base rate. */
    public double rate(double baseRate, double epoch) {
        return switch (kind) {
            case CONSTANT -> baseRate;
            case STEP -> baseRate * Math.pow(gamma, Math.floor(epoch / everyEpochs));
            case EXPONENTIAL -> baseRate * Math.pow(gamma, epoch);
        };
    }
}
