package org.thermolearn.thermo.stochastic;

/**
 * Settings of the stochastic route (stochastic Lanczos quadrature, Ubaru, Chen &amp; Saad 2017) and of the
 * automatic choice between it and the exact route.
 *
 * @param minProbes         Rademacher probes always used (≥ 8: three control variates and a jackknife need them)
 * @param maxProbes         probes at most; more blocks are added while a target standard error is not met
 * @param blockSize         probes advanced together, so each operator application is one GEMM of this width
 * @param steps             Lanczos steps per probe, on Ĝ_c and again on Ĝ_c⁻¹ (≥ 10)
 * @param targetRelativeSe  stop adding probes when the standard errors of C_&gt;(λ_c) (S21) and μ₂ (S35) are
 *                          both below this fraction of their values
 * @param seed              seed of the probe vectors (each integration space gets its own stream)
 * @param exactBudgetFlops  the AUTO route uses the exact route while its estimated cost, 10 n_c³ flops for
 *                          the compressed size n_c (dense Gram matrices and two symmetric eigen-decompositions),
 *                          is at most this, and the stochastic route above it
 */
public record StochasticOptions(int minProbes, int maxProbes, int blockSize, int steps, double targetRelativeSe, long seed,
                                double exactBudgetFlops) {

    /** Fewest probes accepted. */
    public static final int MIN_PROBES = 8;
    /** Fewest Lanczos steps accepted. */
    public static final int MIN_STEPS = 10;

    public StochasticOptions {
        if (minProbes < MIN_PROBES) {
            throw new IllegalArgumentException(minProbes + " probes cannot give a standard error of the stochastic estimates (three control "
                    + "variates and a jackknife need at least " + MIN_PROBES + "); use --probes " + MIN_PROBES + " or more");
        }
        if (maxProbes < minProbes) throw new IllegalArgumentException("maxProbes = " + maxProbes + " is below minProbes = " + minProbes + "; raise it");
        if (blockSize < 1) throw new IllegalArgumentException("probe block size " + blockSize + "; need at least 1");
        if (steps < MIN_STEPS) {
            throw new IllegalArgumentException(steps + " Lanczos steps cannot resolve the tails of ln lambda (the histogram and the "
                    + "extremes would be off by more than 1 %); use at least " + MIN_STEPS + " (default 60)");
        }
        if (!(targetRelativeSe > 0) || !Double.isFinite(targetRelativeSe)) {
            throw new IllegalArgumentException("target relative standard error " + targetRelativeSe + "; need a positive number such as 0.003");
        }
        if (!(exactBudgetFlops >= 0)) throw new IllegalArgumentException("exact-route budget " + exactBudgetFlops + " flops; need >= 0");
    }

    /**
     * 16–64 probes in blocks of 16, 60 Lanczos steps, target 0.3 %, seed 1, exact route up to 7e11 flops
     * (n_c ≈ 4100). 16 probes: with the three fitted control-variate coefficients the jackknife error has about
     * 12 degrees of freedom, so ±2 SE covers the truth in ≈ 93 % of cases (8 probes: ≈ 90 %).
     */
    public static StochasticOptions defaults() {
        return new StochasticOptions(16, 64, 16, 60, 0.003, 1L, 7e11);
    }

    public StochasticOptions withProbes(int min, int max) {
        return new StochasticOptions(min, max, blockSize, steps, targetRelativeSe, seed, exactBudgetFlops);
    }

    public StochasticOptions withSteps(int s) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, s, targetRelativeSe, seed, exactBudgetFlops);
    }

    public StochasticOptions withSeed(long s) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, targetRelativeSe, s, exactBudgetFlops);
    }

    public StochasticOptions withBlockSize(int b) {
        return new StochasticOptions(minProbes, maxProbes, b, steps, targetRelativeSe, seed, exactBudgetFlops);
    }

    public StochasticOptions withTarget(double t) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, t, seed, exactBudgetFlops);
    }

    public StochasticOptions withExactBudget(double flops) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, targetRelativeSe, seed, flops);
    }

    /** Estimated flops of the exact compressed route for compressed size n_c. */
    public static double exactCost(long nc) { return 10.0 * nc * nc * nc; }
}
