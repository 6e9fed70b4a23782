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
 * @param threads           Java threads of the stochastic route: with 2 or more, the Lanczos runs on Ĝ_c and on
 *                          Ĝ_c⁻¹ go side by side (each its own single-threaded BLAS calls; the launcher sets
 *                          OPENBLAS_NUM_THREADS=1). The estimates do not depend on it.
 */
public record StochasticOptions(int minProbes, int maxProbes, int blockSize, int steps, double targetRelativeSe, long seed,
                                double exactBudgetFlops, int threads) {

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
                    + "extremes would be off by more than 1 %); use at least " + MIN_STEPS + " (default 40)");
        }
        if (!(targetRelativeSe > 0) || !Double.isFinite(targetRelativeSe)) {
            throw new IllegalArgumentException("target relative standard error " + targetRelativeSe + "; need a positive number such as 0.003");
        }
        if (!(exactBudgetFlops >= 0)) throw new IllegalArgumentException("exact-route budget " + exactBudgetFlops + " flops; need >= 0");
        if (threads < 1) throw new IllegalArgumentException("stochastic-route threads " + threads + "; need at least 1");
    }

    /**
     * 16–64 probes in blocks of 16, 40 Lanczos steps (on a trained 784-300-300-10 net 30 steps put the histogram
     * at W1 = 0.020, 40 at 0.009, 60 at 0.010; the scalars move by less than 0.2 SE from 30 to 60 steps), target
     * 0.3 %, seed 1, exact route up to 7e11 flops (n_c ≈ 4100), two threads where the machine has two cores.
     * 16 probes: with the three fitted control-variate coefficients the jackknife error has about 12 degrees of freedom, so ±2 SE covers the truth in ≈ 93 % of cases (8 probes: ≈ 90 %).
     */
    public static StochasticOptions defaults() {
        return new StochasticOptions(16, 64, 16, 40, 0.003, 1L, 7e11, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public StochasticOptions withThreads(int t) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, targetRelativeSe, seed, exactBudgetFlops, t);
    }

    public StochasticOptions withProbes(int min, int max) {
        return new StochasticOptions(min, max, blockSize, steps, targetRelativeSe, seed, exactBudgetFlops, threads);
    }

    public StochasticOptions withSteps(int s) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, s, targetRelativeSe, seed, exactBudgetFlops, threads);
    }

    public StochasticOptions withSeed(long s) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, targetRelativeSe, s, exactBudgetFlops, threads);
    }

    public StochasticOptions withBlockSize(int b) {
        return new StochasticOptions(minProbes, maxProbes, b, steps, targetRelativeSe, seed, exactBudgetFlops, threads);
    }

    public StochasticOptions withTarget(double t) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, t, seed, exactBudgetFlops, threads);
    }

    public StochasticOptions withExactBudget(double flops) {
        return new StochasticOptions(minProbes, maxProbes, blockSize, steps, targetRelativeSe, seed, flops, threads);
    }

    /** Estimated flops of the exact compressed route for compressed size n_c. */
    public static double exactCost(long nc) { return 10.0 * nc * nc * nc; }
}
