package org.thermolearn.thermo.sampling;

/** Running first and second moments of R-vectors; {@link #scaledCovariance} gives β·Cov (row-major R × R). */
public final class SampleCovariance {

    private final int n;
    private final double[] sum;
    private final double[] outer;
    private long count;

    public SampleCovariance(int n) {
        this.n = n;
        sum = new double[n];
        outer = new double[n * n];
    }

    public void add(double[] x) {
        count++;
        for (int i = 0; i < n; i++) {
            sum[i] += x[i];
            double xi = x[i];
            int base = i * n;
            for (int j = 0; j <= i; j++) outer[base + j] += xi * x[j];
        }
    }

    public long count() { return count; }

    /** β · the sample covariance (n − 1 normalisation). */
    public double[] scaledCovariance(double beta) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = (outer[i * n + j] - sum[i] * sum[j] / count) / (count - 1) * beta;
                c[i * n + j] = v;
                c[j * n + i] = v;
            }
        }
        return c;
    }
}
