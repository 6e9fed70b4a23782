package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.config.RouteChoice;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route flags of {@code run} and {@code analyse} (issue 11), declared once and mixed into both commands
 * ({@code @Mixin}). A flag not given is null: {@code run} then keeps the value of its preset or config file,
 * {@code analyse} the default of {@link RouteChoice#defaults()}.
 */
public final class RouteFlags {

    @Option(names = "--route", description = "spectrum of G: auto (default: exact while its cost 10 n_c^3 flops is within --exact-budget-flops, "
            + "stochastic Lanczos quadrature with standard errors above), exact or stochastic")
    String route;
    @Option(names = "--probes", description = "stochastic route: probe vectors at least (default 16, at least 8; up to 4x more while the 0.3 % SE target is not met)")
    String probes;
    @Option(names = "--lanczos-steps", description = "stochastic route: Lanczos steps per probe on G_c and on G_c^-1 (default 40, at least 10)")
    String lanczosSteps;
    @Option(names = "--exact-budget-flops", description = "route auto: the exact route while 10 n_c^3 is at most this (default 7e11, n_c ~ 4100)")
    String exactBudgetFlops;
    @Option(names = "--probe-seed", description = "stochastic route: seed of the probe vectors (default 1)")
    String probeSeed;

    /** The flags given, as configuration overrides under their keys (route, probes, lanczosSteps, exactBudgetFlops, probeSeed). */
    public Map<String, Object> overrides() {
        Map<String, Object> ov = new LinkedHashMap<>();
        if (route != null) ov.put("route", route);
        if (probes != null) ov.put("probes", probes);
        if (lanczosSteps != null) ov.put("lanczosSteps", lanczosSteps);
        if (exactBudgetFlops != null) ov.put("exactBudgetFlops", exactBudgetFlops);
        if (probeSeed != null) ov.put("probeSeed", probeSeed);
        return ov;
    }

    /** The route choice: the flags given over the defaults; each value is checked when the choice is used. */
    public RouteChoice choice() {
        RouteChoice d = RouteChoice.defaults();
        return new RouteChoice(route == null ? d.route() : route, (int) whole("--probes", probes, d.probes()),
                (int) whole("--lanczos-steps", lanczosSteps, d.lanczosSteps()), number("--exact-budget-flops", exactBudgetFlops, d.exactBudgetFlops()),
                whole("--probe-seed", probeSeed, d.probeSeed()));
    }

    private static long whole(String flag, String value, long dflt) {
        if (value == null) return dflt;
        try {
            long v = Long.parseLong(value.trim());
            if (!flag.equals("--probe-seed") && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(flag + " " + value + ": not a whole number; give e.g. " + flag + " " + dflt);
        }
    }

    private static double number(String flag, String value, double dflt) {
        if (value == null) return dflt;
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(flag + " " + value + ": not a number; give e.g. " + flag + " 7e11");
        }
    }
}
