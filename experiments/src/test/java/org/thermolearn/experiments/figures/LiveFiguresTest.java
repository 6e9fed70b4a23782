package org.thermolearn.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFiguresTest {

    @Test
    void redrawsOnlyWithinTheShareOfTrainingTime(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("live-run");
        RunFiguresTest.writeRun(run, new double[] {0, 1, 2}, Set.of(), true, 10);
        LiveFigures live = new LiveFigures();
        live.recorded(run, 0, 0);
        assertFalse(Files.exists(run.resolve("figures")), "no training time yet: no budget to draw");
        live.recorded(run, 1, 1e6);
        assertTrue(Files.isRegularFile(run.resolve("figures/losses.png")), "a long training affords a redraw");
        assertFalse(Files.exists(run.resolve("figures/losses.svg")), "live figures are PNG only");
        double spent = live.drawSeconds();
        live.recorded(run, 2, spent / LiveFigures.BUDGET * 0.5);
        assertTrue(live.drawSeconds() == spent, "skipped: the drawing so far already exceeds the budget of this training time");
        assertTrue(live.report().contains("1 skipped") || live.report().contains("2 skipped"), live.report());
    }
}
