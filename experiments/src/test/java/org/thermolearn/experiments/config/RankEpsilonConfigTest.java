package org.thermolearn.experiments.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The effective-rank cut ε (S22) is a config key; runs recorded before it existed keep the ε they used. */
class RankEpsilonConfigTest {

    @Test
    void defaultIsOneTenthAndOverridable() {
        assertEquals(0.1, ConfigLoader.load("quickstart", null, Map.of()).rankEpsilon());
        assertEquals(0.01, ConfigLoader.load("quickstart", null, Map.of("rankEpsilon", "0.01")).rankEpsilon());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("quickstart", null, Map.of("rankEpsilon", "0")));
        assertTrue(e.getMessage().contains("rankEpsilon"), e.getMessage());
    }

    @Test
    void aRunRecordedBeforeTheKeyResumesWithItsOldCut() {
        ObjectNode stored = ConfigLoader.json().valueToTree(ConfigLoader.load("quickstart", null, Map.of()));
        stored.remove("rankEpsilon");
        assertEquals(1e-6, ConfigLoader.fromTree(stored).rankEpsilon());
    }
}
