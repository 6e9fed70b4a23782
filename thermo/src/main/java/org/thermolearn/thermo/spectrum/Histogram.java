package org.thermolearn.thermo.spectrum;

/**
 * Histogram of the non-trivial ln λ of a {@link Spectrum} on a fixed bin range [lo, hi) (theory.md
 * §3.6, §9 A16: non-trivial values only, a fixed range per run so frames of an animation line up).
 * Values below lo or at/above hi are counted in {@code underflow} / {@code overflow}.
 */
public record Histogram(double lo, double hi, long[] counts, long underflow, long overflow) {

    /** Bins the non-trivial ln λ of {@code s} into {@code bins} equal bins on [lo, hi). */
    public static Histogram of(Spectrum s, double lo, double hi, int bins) {
        return of(s.lnLambdaNontrivial(), lo, hi, bins);
    }

    /** Bins arbitrary values into {@code bins} equal bins on [lo, hi). */
    public static Histogram of(double[] values, double lo, double hi, int bins) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("histogram range [" + lo + ", " + hi + ") is empty or not finite; need lo < hi");
        }
        if (bins <= 0) throw new IllegalArgumentException("histogram needs at least one bin, got " + bins);
        long[] c = new long[bins];
        long under = 0, over = 0;
        double w = (hi - lo) / bins;
        for (double v : values) {
            if (v < lo) under++;
            else if (!(v < hi)) over++;
            else {
                int b = (int) ((v - lo) / w);
                if (b >= bins) b = bins - 1;
                c[b]++;
            }
        }
        return new Histogram(lo, hi, c, under, over);
    }

    public int bins() { return counts.length; }

    /** Left edge of bin i. */
    public double edge(int i) { return lo + (hi - lo) * i / counts.length; }

    /** Total count inside the range. */
    public long total() {
        long t = 0;
        for (long v : counts) t += v;
        return t;
    }
}
