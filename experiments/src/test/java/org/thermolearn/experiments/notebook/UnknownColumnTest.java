package org.thermolearn.experiments.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UnknownColumnTest {

    private static List<String> manyColumns() {
        List<String> n = new ArrayList<>(List.of("param_learning_rate", "param_depth", "c_gt_1_all", "epoch"));
        for (int i = 0; i < 136; i++) n.add("metric_" + i);
        return n;
    }

    @Test
    void camelCaseNameSuggestsTheSnakeCaseColumnInOneShortLine() {
        String m = Table.unknownColumn("param_learningRate", manyColumns(), "collected.arrow");
        assertEquals("collected.arrow has no column 'param_learningRate'; did you mean 'param_learning_rate'? names() lists its 140 columns", m);
    }

    @Test
    void typoSuggestsTheNearestColumnAndNeverListsThemAll() {
        String m = Table.unknownColumn("c_gt1_al", manyColumns(), "metrics.arrow");
        assertTrue(m.contains("did you mean 'c_gt_1_all'?"), m);
        assertFalse(m.contains("metric_77"), m);
        assertTrue(m.length() < 160, m);
    }

    @Test
    void nothingCloseGivesNoGuess() {
        String m = Table.unknownColumn("zzzzzzzzzz", manyColumns(), "metrics.arrow");
        assertFalse(m.contains("did you mean"), m);
    }
}
