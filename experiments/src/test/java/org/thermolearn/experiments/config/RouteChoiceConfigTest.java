package org.thermolearn.experiments.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.thermolearn.thermo.AnalysisOptions;
import org.thermolearn.thermo.spectrum.Route;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stochastic route's config keys (issue 11): defaults, what they set, and one clear error per bad value. */
class RouteChoiceConfigTest {

    @Test
    void defaultsAndOverridesReachTheAnalysisOptions() {
        RunConfig c = ConfigLoader.load("quickstart", null, Map.of());
        assertEquals(RouteChoice.defaults(), c.routeChoice());
        AnalysisOptions o = ConfigLoader.load("quickstart", null, Map.of("route", "stochastic", "probes", "24", "lanczosSteps", "50", "probeSeed", "7"))
                .routeChoice().apply(AnalysisOptions.defaults());
        assertEquals(Route.STOCHASTIC, o.route());
        assertEquals(24, o.stochastic().minProbes());
        assertEquals(50, o.stochastic().steps());
        assertEquals(7L, o.stochastic().seed());
        AnalysisOptions exact = ConfigLoader.load("quickstart", null, Map.of("route", "exact")).routeChoice().apply(AnalysisOptions.defaults());
        assertEquals(Route.AUTO, exact.route());
        assertEquals(Double.POSITIVE_INFINITY, exact.stochastic().exactBudgetFlops());
        assertEquals(1e9, ConfigLoader.load("quickstart", null, Map.of("exactBudgetFlops", "1e9")).routeChoice()
                .apply(AnalysisOptions.defaults()).stochastic().exactBudgetFlops());
    }

    @Test
    void badValuesNameTheirKey() {
        String[][] bad = {{"probes", "4"}, {"lanczosSteps", "5"}, {"route", "sometimes"}, {"exactBudgetFlops", "-1"}};
        for (String[] b : bad) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("quickstart", null, Map.of(b[0], b[1])), b[0]);
            assertTrue(e.getMessage().contains("'" + b[0] + "'"), e.getMessage());
        }
        // the exact route cannot hold 784-10000-10000-10's 20794 x 20794 matrices: refused before anything starts
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("quickstart", null,
                Map.of("route", "exact", "architecture", "784-10000-10000-10", "epochs", "0")));
        assertTrue(e.getMessage().contains("20794") && e.getMessage().contains("stochastic"), e.getMessage());
    }

    @Test
    void aRunRecordedBeforeTheKeysResumesOnTheAutoRoute() {
        ObjectNode stored = ConfigLoader.json().valueToTree(ConfigLoader.load("quickstart", null, Map.of()));
        for (String k : new String[]{"route", "probes", "lanczosSteps", "exactBudgetFlops", "probeSeed"}) stored.remove(k);
        assertEquals(RouteChoice.defaults(), ConfigLoader.fromTree(stored).routeChoice());
    }
}
