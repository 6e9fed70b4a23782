package org.thermolearn.thermo.stochastic;

/** A stochastic estimate and its standard error (0 for a value that is exact). */
public record Estimate(double value, double se) {

    /** An exact value (standard error 0). */
    public static Estimate exact(double v) { return new Estimate(v, 0.0); }

    /** |value − truth| / se, the z-score of a known truth (Infinity when se = 0 and they differ). */
    public double zScore(double truth) {
        double d = Math.abs(value - truth);
        return d == 0 ? 0 : d / se;
    }
}
