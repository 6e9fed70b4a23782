package org.thermolearn.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.data.SyntheticIdx;
import org.thermolearn.experiments.config.ConfigLoader;
import org.thermolearn.experiments.config.RunConfig;
import org.thermolearn.experiments.run.RunListener;
import org.thermolearn.experiments.run.TrainingRun;

/**
 * The redraw policy of {@link LiveFigures} on a simulated clock (no timed assertions: time is what
 * the test says it is), and live figures of a real run observed at its checkpoint events.
 */
class LiveFiguresTest {

    /** A clock the test moves; a drawing advances it by a fixed cost. */
    private static final class Clock {
        double now;
    }

    @Test
    void firstCheckpointIsAlwaysDrawnThenTheBudgetDecides() {
        Clock t = new Clock();
        List<Double> drawnAt = new ArrayList<>();
        LiveFigures live = new LiveFigures(dir -> { drawnAt.add(t.now); t.now += 1.0; }, () -> t.now);
        Path run = Path.of("run");
        live.recorded(run, 0, 0);
        assertEquals(List.of(0.0), drawnAt, "the first checkpoint is drawn even before any training");
        t.now = 30;
        live.recorded(run, 1, 29);
        assertEquals(1, drawnAt.size(), "1 s drawn + 1 s for the next drawing > 2 % of 30 s: skipped");
        t.now = 101;
        live.recorded(run, 2, 100);
        assertEquals(List.of(0.0, 101.0), drawnAt, "2 s ≤ 2 % of 101 s: drawn");
        t.now = 140;
        live.recorded(run, 3, 139);
        assertEquals(2, drawnAt.size(), "3 s > 2 % of 140 s: skipped");
        assertEquals(2, live.skipped());
        assertTrue(live.report().contains("drawn at 2 of 4 checkpoints"), live.report());
    }

    @Test
    void redrawsAreAtLeastTheMinimumIntervalApart() {
        Clock t = new Clock();
        List<Double> drawnAt = new ArrayList<>();
        LiveFigures live = new LiveFigures(dir -> { drawnAt.add(t.now); t.now += 0.001; }, () -> t.now);
        Path run = Path.of("run");
        live.recorded(run, 0, 0);
        t.now = 1000;
        live.recorded(run, 1, 999);
        t.now = 1000 + LiveFigures.MIN_INTERVAL_SECONDS / 2;
        live.recorded(run, 2, 1002);
        assertEquals(List.of(0.0, 1000.0), drawnAt, "well within the budget, but too soon after the last drawing: skipped");
        t.now = 1000.001 + LiveFigures.MIN_INTERVAL_SECONDS;
        live.recorded(run, 3, 1005);
        assertEquals(3, drawnAt.size(), "the interval has passed: drawn");
    }

    @Test
    void aLongRunIsRedrawnOftenAndDrawingStaysWithinTheBudget() {
        Clock t = new Clock();
        double cost = 0.4;
        int[] draws = {0};
        LiveFigures live = new LiveFigures(dir -> { draws[0]++; t.now += cost; }, () -> t.now);
        Path run = Path.of("run");
        int checkpoints = 2000;
        for (int k = 0; k < checkpoints; k++) {
            live.recorded(run, k, t.now);
            t.now += 3.0; // three seconds of training and analysis between checkpoints
        }
        double share = live.drawSeconds() / t.now;
        assertTrue(share <= LiveFigures.BUDGET, "drawing took " + share + " of the run");
        assertTrue(share >= 0.5 * LiveFigures.BUDGET, "the budget is used, not wasted: " + share);
        assertTrue(draws[0] >= 100, "a watched run is redrawn often: " + draws[0] + " of " + checkpoints);
        assertEquals(checkpoints, live.drawn() + live.skipped());
    }

    @Test
    void aRunWithSeveralCheckpointsShowsItsFiguresWhileItRuns(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        new SyntheticIdx(7, 8, 8, 4).writeDirectory(data, 400, 100, false);
        Map<String, Object> ov = new TreeMap<>();
        ov.put("architecture", "64-12-4");
        ov.put("epochs", 3);
        ov.put("checkpoints", "every:1");
        ov.put("trainCount", 300);
        ov.put("validationCount", 100);
        ov.put("bulkSamples", 40);
        ov.put("batchSize", 16);
        ov.put("linalg", "java");
        ov.put("seed", 5);
        ov.put("dataDir", data.toString());
        RunConfig c = ConfigLoader.load("quickstart", null, ov);
        Path dir = tmp.resolve("run");

        // The run's time, as the live figures see it: a minute passes between checkpoints.
        Clock t = new Clock();
        LiveFigures live = new LiveFigures(d -> RunFigures.writeAll(d, RunFigures.Options.DEFAULT, FigureWriter.PNG_ONLY), () -> t.now);
        List<byte[]> seen = new ArrayList<>();
        RunListener watcher = new RunListener() {
            @Override
            public void recorded(Path runDir, int index, double trainSeconds) {
                t.now += 60;
                live.recorded(runDir, index, trainSeconds);
                // what a viewer reloading the figure sees right after this checkpoint
                Path png = runDir.resolve("figures/accuracy.png");
                try {
                    seen.add(Files.isRegularFile(png) ? Files.readAllBytes(png) : null);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        TrainingRun run = TrainingRun.create(c, ConfigLoader.json().createObjectNode(), dir, watcher);
        assertEquals(TrainingRun.Outcome.DONE, run.execute());

        assertEquals(4, seen.size(), "checkpoints at epochs 0, 1, 2, 3");
        assertEquals(4, live.drawn(), live.report());
        for (int k = 0; k < seen.size(); k++) assertTrue(seen.get(k) != null, "figures/accuracy.png exists after checkpoint " + k);
        for (int k = 1; k < seen.size(); k++) {
            assertFalse(Arrays.equals(seen.get(k - 1), seen.get(k)), "the accuracy figure changed between checkpoints " + (k - 1) + " and " + k);
        }
        assertTrue(Files.isRegularFile(dir.resolve("figures/losses.png")));
        assertFalse(Files.exists(dir.resolve("figures/losses.svg")), "live figures are PNG only");
        assertArrayEquals(new int[] {4, 0}, new int[] {live.drawn(), live.skipped()});
    }

    @Test
    void theSystemClockDrawsTheFirstCheckpointOfARealRun(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("live-run");
        RunFiguresTest.writeRun(run, new double[] {0, 1, 2}, java.util.Set.of(), true, 10);
        LiveFigures live = new LiveFigures();
        live.recorded(run, 0, 0);
        assertTrue(Files.isRegularFile(run.resolve("figures/losses.png")), "the first checkpoint is drawn at once");
        assertFalse(Files.exists(run.resolve("figures/losses.svg")), "live figures are PNG only");
        assertEquals(1, live.drawn());
    }
}
