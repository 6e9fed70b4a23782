package org.thermolearn.experiments.sweep;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.data.SyntheticIdx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeps of the real {@code thermolearn run} (ThermoLearnCli in worker JVMs) on a synthetic IDX data
 * set: collect gets the thermodynamic columns and figures; a worker killed mid-run is resumed from
 * its last checkpoint and the collected table equals an uninterrupted sweep's bit for bit.
 */
@Tag("slow")
class RealRunSweepTest {

    @TempDir
    Path tmp;

    /** 4 tasks: depth 1 and 2 × two learning rates, on 8×8 synthetic images with 4 classes. */
    static String spec(String name, Path out, Path data, int epochs) {
        return """
                name: %s
                output: %s
                base:
                  epochs: %d
                  checkpoints: "every:1"
                  trainCount: 300
                  validationCount: 100
                  bulkSamples: 100
                  batchSize: 16
                  dataDir: %s
                  seed: 3
                axes:
                  - grid:
                      architecture: ["64-16-4", "64-16-12-4"]
                      learningRate: [0.05, 0.2]
                local: {parallel: 2, threadsPerTask: 1}
                slurm: {cpusPerTask: 1, throttle: 2}
                """.formatted(name, SweepTestSupport.quote(out.toString()), epochs, SweepTestSupport.quote(data.toString()));
    }

    static Path data(Path dir) throws Exception {
        new SyntheticIdx(7, 8, 8, 4).writeDirectory(dir, 400, 100, false);
        return dir;
    }

    @Test
    void realRunsAreCollectedAndAKilledWorkerResumesBitForBit() throws Exception {
        Path data = data(tmp.resolve("data"));
        Path refSpec = SweepTestSupport.write(tmp.resolve("a"), "spec.yaml", spec("real", tmp.resolve("ref"), data, 4));
        long t0 = System.nanoTime();
        SweepTestSupport.Cli ref = SweepTestSupport.cli(Map.of(), tmp, "run", refSpec.toString());
        System.out.printf("4-task real sweep, local executor, 2 at a time: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, ref.code(), ref.output());
        SweepTestSupport.Cli col = SweepTestSupport.cli(Map.of(), tmp, "collect", refSpec.toString(), "--strict");
        assertEquals(0, col.code(), col.output());
        Path refDir = tmp.resolve("ref/real");
        SweepTestSupport.Table expected = SweepTestSupport.readArrow(refDir.resolve("collected.arrow"));
        assertEquals(4 * 5, expected.rows(), "4 tasks × checkpoints 0..4");
        for (String c : new String[]{"task_id", "param_architecture", "param_learning_rate", "param_depth", "checkpoint",
                "c_gt_1_all", "skewness_nt_all", "test_accuracy", "u_boundary"}) {
            assertTrue(expected.columns().containsKey(c), c + " missing from " + expected.columns().keySet());
        }
        assertTrue(Files.size(refDir.resolve("figures/c_gt_1_all_vs_param_depth.png")) > 1000);
        assertTrue(Files.size(refDir.resolve("figures/skewness_nt_all_vs_param_learning_rate.png")) > 1000);
        assertTrue(Files.size(refDir.resolve("figures/test_accuracy_vs_param_learning_rate.png")) > 1000);

        // a worker killed while drawing its final figures (status already done): the re-run redraws them
        SweepDir refSweep = SweepDir.prepare(SweepPlan.of(SweepSpec.load(refSpec), ConfigResolver.toolkit()));
        String drawn = refSweep.tasks().get(0).id();
        Path figures = refSweep.taskDir(drawn).resolve("figures");
        Path litter = figures.resolve(".spectrum_heatmap_all.svg123.tmp");
        Files.writeString(litter, "<svg");
        Path lost = figures.resolve("spectrum_heatmap_all.svg");
        Files.delete(lost);
        assertTrue(refSweep.isDone(drawn) && !refSweep.isFinished(drawn));
        SweepTestSupport.Cli again = SweepTestSupport.cli(Map.of(), tmp, "run", refSpec.toString());
        assertEquals(0, again.code(), again.output());
        assertTrue(Files.notExists(litter), "the temporary figure is removed");
        assertTrue(Files.size(lost) > 1000, "the interrupted figure is drawn again");
        assertTrue(refSweep.isFinished(drawn));
        assertEquals(1, refSweep.state(drawn).attempts(), "redrawing figures is not an attempt");

        // same sweep, a worker killed after its second checkpoint
        Path spec = SweepTestSupport.write(tmp.resolve("b"), "spec.yaml", spec("real", tmp.resolve("killed"), data, 4));
        SweepDir d = SweepDir.prepare(SweepPlan.of(SweepSpec.load(spec), ConfigResolver.toolkit()));
        Path log = tmp.resolve("killed.log");
        Process sweep = SweepTestSupport.startCli(Map.of(), log, "run", spec.toString());
        String killed = null;
        while (killed == null && sweep.isAlive()) { // the event: a worker has written two checkpoints
            for (ProcessHandle h : sweep.descendants().toList()) {
                Optional<String[]> args = h.info().arguments();
                if (args.isEmpty()) continue;
                String joined = String.join(" ", args.get());
                for (SweepTask t : d.tasks()) {
                    if (joined.contains(t.id()) && SweepStatus.checkpoints(d.taskDir(t.id())) >= 2 && !d.isDone(t.id())) {
                        h.destroyForcibly();
                        killed = t.id();
                        break;
                    }
                }
                if (killed != null) break;
            }
            Thread.sleep(10);
        }
        sweep.waitFor();
        Assumptionsish.check(killed != null, "runs finished before a worker could be killed:\n" + Files.readString(log));
        assertEquals(0, sweep.exitValue(), Files.readString(log));
        assertTrue(d.state(killed).attempts() >= 2, "the killed task was retried");
        String workerLog = Files.readString(d.logFile(killed));
        assertTrue(workerLog.contains(" resume "), workerLog);
        SweepTestSupport.Cli col2 = SweepTestSupport.cli(Map.of(), tmp, "collect", d.path().toString(), "--strict");
        assertEquals(0, col2.code(), col2.output());
        SweepTestSupport.assertSameMetrics(expected, SweepTestSupport.readArrow(d.path().resolve("collected.arrow")));
    }

    /** Fails with a clear message (a kill that came too late proves nothing). */
    static final class Assumptionsish {
        static void check(boolean ok, String msg) {
            if (!ok) throw new AssertionError(msg);
        }
    }
}
