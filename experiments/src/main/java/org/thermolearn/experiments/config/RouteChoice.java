package org.thermolearn.experiments.config;

import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.spectrum.Route;
import org.thermolearn.thermo.stochastic.StochasticOptions;

/**
 * How a checkpoint's spectrum of Ĝ is obtained (theory.md §8, issue 11): {@code auto} takes the exact route while
 * its estimated cost 10 n_c³ flops is within {@code exactBudgetFlops} and stochastic Lanczos quadrature (every
 * scalar with a standard error) above it; {@code exact} and {@code stochastic} force one route. The same keys are
 * run configuration keys ({@code route, probes, lanczosSteps, exactBudgetFlops, probeSeed}) and flags of
 * {@code thermolearn run} and {@code thermolearn analyse}. Every check throws a {@link ConfigException} naming the key.
 *
 * @param route            auto, exact or stochastic
 * @param probes           Rademacher probes at least (≥ {@value StochasticOptions#MIN_PROBES}); up to 4× more while the
 *                         0.3 % standard-error target of C_&gt;(1) and μ₂ is not met
 * @param lanczosSteps     Lanczos steps per probe on Ĝ_c and on Ĝ_c⁻¹ (≥ {@value StochasticOptions#MIN_STEPS})
 * @param exactBudgetFlops the auto route's budget for the exact route
 * @param probeSeed        seed of the probe vectors
 */
public record RouteChoice(String route, int probes, int lanczosSteps, double exactBudgetFlops, long probeSeed) {

    /** The defaults of the run configuration (auto, 16 probes, 40 steps, 7e11 flops, seed 1). */
    public static RouteChoice defaults() {
        StochasticOptions d = StochasticOptions.defaults();
        return new RouteChoice("auto", d.minProbes(), d.steps(), d.exactBudgetFlops(), d.seed());
    }

    /** The thermo route: exact is auto with an unlimited budget (compressed when F′ŵ is nilpotent, dense otherwise). */
    public Route routeValue() {
        if (route == null) throw new ConfigException("route", null, "the key is required");
        return switch (route) {
            case "auto", "exact" -> Route.AUTO;
            case "stochastic" -> Route.STOCHASTIC;
            default -> throw new ConfigException("route", route, "use auto (exact below exactBudgetFlops, stochastic above), exact or stochastic");
        };
    }

    /** The stochastic route's settings, each count and the budget checked. */
    public StochasticOptions stochasticOptions() {
        routeValue();
        StochasticOptions d = StochasticOptions.defaults();
        try {
            d = d.withProbes(probes, Math.max(probes, 4 * d.minProbes()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("probes", probes, e.getMessage());
        }
        try {
            d = d.withSteps(lanczosSteps);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("lanczosSteps", lanczosSteps, e.getMessage());
        }
        if (!(exactBudgetFlops >= 0) || Double.isInfinite(exactBudgetFlops)) {
            throw new ConfigException("exactBudgetFlops", exactBudgetFlops, "use a non-negative number of flops such as 7e11 (the exact route up to "
                    + "n_c = 4100); route exact or stochastic forces one route");
        }
        return d.withSeed(probeSeed).withExactBudget("exact".equals(route) ? Double.POSITIVE_INFINITY : exactBudgetFlops);
    }

    /**
     * Refuses route exact for an architecture whose compressed operator (n_c = min(n_in, rows fed by the inputs)
     * + N − n_in, (S36)) is beyond the exact route's dense limit, before anything is created.
     */
    public void checkFits(org.thermolearn.core.network.Architecture arch) {
        if (!"exact".equals(route)) return;
        var layout = arch.layout();
        long fed = 0;
        for (int[] e : arch.edges()) if (e[0] == 0) fed += layout.size(e[1]);
        long nc = Math.min(layout.nIn(), fed) + (long) layout.n() - layout.nIn();
        if (nc * nc > org.thermolearn.thermo.spectrum.SpectrumSolver.MAX_DENSE_ELEMENTS) {
            throw new ConfigException("route", route, "the exact route of " + arch.layout() + " needs " + nc + " x " + nc + " dense matrices ("
                    + (nc * nc * 8 >> 20) + " MiB each), above its limit of " + org.thermolearn.thermo.spectrum.SpectrumSolver.MAX_DENSE_ELEMENTS
                    + " elements; use route auto or stochastic");
        }
    }

    /** The analysis options with this route. */
    public AnalysisOptions apply(AnalysisOptions o) {
        return o.withRoute(routeValue(), o.leftTail(), o.method()).withStochastic(stochasticOptions());
    }
}
