package org.thermolearn.thermo.ensemble;

import org.thermolearn.core.loss.BulkLossResult;

/**
 * Data-driven temperature estimates (theory.md §4.1, §9 A7), from losses the caller supplies:
 * <ul>
 *   <li>equipartition T̂ = 2U/N_G, β̂ = N_G/(2U) (S23), U = mean bulk loss;</li>
 *   <li>fluctuation β̂_fl = √(N_G / (2 Var_s H_s)) (S24) from per-sample bulk losses (sample variance, n − 1);</li>
 *   <li>the canonical diagnostic Var H / ⟨H⟩² against its Gaussian value 2/N_G.</li>
 * </ul>
 */
public record Thermometer(int nG, double meanLoss, double temperature, double beta, double betaFluctuation,
                          double varianceRatio, double varianceRatioGaussian) {

    /** T̂ and β̂ from the mean bulk loss U only (S23); fluctuation fields NaN. */
    public static Thermometer fromMean(double meanBulkLoss, int nG) {
        check(nG);
        if (!Double.isFinite(meanBulkLoss) || meanBulkLoss < 0) {
            throw new IllegalArgumentException("mean bulk loss U = " + meanBulkLoss + "; must be finite and >= 0");
        }
        return new Thermometer(nG, meanBulkLoss, 2 * meanBulkLoss / nG, nG / (2 * meanBulkLoss), Double.NaN, Double.NaN, 2.0 / nG);
    }

    /**
     * The thermometer of a bulk-loss measurement (S4) for N_G: all estimates when there are at least two samples,
     * otherwise T̂ and β̂ from the mean only.
     */
    public static Thermometer fromBulk(BulkLossResult bulk, int nG) {
        return bulk.perSample().length > 1 ? fromSamples(bulk.perSample(), nG) : fromMean(bulk.mean(), nG);
    }

    /** All estimates from per-sample bulk losses H_s (at least two samples). */
    public static Thermometer fromSamples(double[] perSampleBulkLoss, int nG) {
        check(nG);
        if (perSampleBulkLoss == null || perSampleBulkLoss.length < 2) {
            throw new IllegalArgumentException("the fluctuation estimator (S24) needs at least two per-sample losses");
        }
        double mean = 0;
        for (double h : perSampleBulkLoss) {
            if (!Double.isFinite(h)) throw new IllegalArgumentException("per-sample loss " + h + " is not finite");
            mean += h;
        }
        mean /= perSampleBulkLoss.length;
        double var = 0;
        for (double h : perSampleBulkLoss) var += (h - mean) * (h - mean);
        var /= perSampleBulkLoss.length - 1;
        Thermometer t = fromMean(mean, nG);
        return new Thermometer(nG, mean, t.temperature, t.beta, Math.sqrt(nG / (2 * var)), var / (mean * mean), 2.0 / nG);
    }

    private static void check(int nG) {
        if (nG <= 0) throw new IllegalArgumentException("N_G = " + nG + "; must be positive");
    }
}
