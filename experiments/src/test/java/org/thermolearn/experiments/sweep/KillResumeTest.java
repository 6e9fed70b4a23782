package org.thermolearn.experiments.sweep;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill a worker JVM mid-task, then the whole sweep process tree; re-run: every task finishes and
 * the collected table equals an uninterrupted sweep's bit for bit — nothing lost, nothing twice.
 */
@Tag("slow")
class KillResumeTest {

    @TempDir
    Path tmp;

    private static String spec(Path out) {
        return """
                name: killme
                output: %s
                mainClass: org.thermolearn.experiments.sweep.FakeRunMain
                maxAttempts: 3
                base: {epochs: 8, architecture: "16-8-4"}
                axes:
                  - grid: {learningRate: [0.05, 0.1], seed: [1, 2]}
                """.formatted(SweepTestSupport.quote(out.toString()));
    }

    @Test
    void killedWorkersAndSweepsResumeWithoutLossOrDuplication() throws Exception {
        // reference: uninterrupted
        SweepDir ref = SweepDir.prepare(SweepPlan.of(SweepSpec.load(SweepTestSupport.write(tmp.resolve("a"), "spec.yaml", spec(tmp.resolve("ref")))),
                ConfigResolver.toolkit()));
        assertEquals(Map.of(TaskRunner.Outcome.DONE, 4), new LocalExecutor(ref, 2, 1, new PrintStream(new ByteArrayOutputStream())).run());
        SweepTestSupport.Table expected = SweepTestSupport.readArrow(new SweepCollector(ref).collect().file());

        Path specFile = SweepTestSupport.write(tmp.resolve("b"), "spec.yaml", spec(tmp.resolve("killed")));
        SweepDir d = SweepDir.prepare(SweepPlan.of(SweepSpec.load(specFile), ConfigResolver.toolkit()));
        Files.writeString(d.path().resolve("fake.properties"), "sleepMs=250\n");
        Path log1 = tmp.resolve("run1.log");
        Process sweep = SweepTestSupport.startCli(Map.of(), log1, "run", specFile.toString(), "--parallel", "2");

        // 1. kill one worker JVM after it wrote two checkpoints; the sweep retries it by resuming
        String killedTask = null;
        while (killedTask == null && sweep.isAlive()) { // the event: a worker has written two checkpoints
            for (ProcessHandle h : sweep.descendants().toList()) {
                Optional<String[]> args = h.info().arguments();
                if (args.isEmpty()) continue;
                String joined = String.join(" ", args.get());
                if (!joined.contains("FakeRunMain")) continue;
                for (SweepTask t : d.tasks()) {
                    if (joined.contains(t.id()) && SweepStatus.checkpoints(d.taskDir(t.id())) >= 2) {
                        h.destroyForcibly();
                        killedTask = t.id();
                        break;
                    }
                }
                if (killedTask != null) break;
            }
            Thread.sleep(20);
        }
        assertTrue(killedTask != null, "no worker reached two checkpoints:\n" + Files.readString(log1));

        // 2. when one task is done, kill the whole sweep: the CLI JVM and every worker
        while (sweep.isAlive() && d.tasks().stream().noneMatch(t -> d.isDone(t.id()))) Thread.sleep(20); // the event: one task done
        sweep.descendants().forEach(ProcessHandle::destroyForcibly);
        sweep.destroyForcibly();
        sweep.waitFor();
        long doneBefore = d.tasks().stream().filter(t -> d.isDone(t.id())).count();
        assertTrue(doneBefore >= 1 && doneBefore < 4, "killed with " + doneBefore + " task(s) done:\n" + Files.readString(log1));
        Map<Integer, String> none = Map.of();
        String status = SweepStatus.render(d, none);
        assertTrue(status.contains("unfinished") || status.contains("not started"), status);

        // collect on the partial sweep says what is missing
        SweepCollector.Result partial = new SweepCollector(d).collect();
        assertEquals(4 - doneBefore, partial.missing().size(), partial.missing().toString());

        // 3. re-run: skips finished, resumes the rest
        SweepTestSupport.Cli again = SweepTestSupport.cli(Map.of(), tmp, "run", specFile.toString(), "--parallel", "2");
        assertEquals(0, again.code(), again.output());
        for (SweepTask t : d.tasks()) assertTrue(d.isDone(t.id()), t.id() + "\n" + again.output());
        String killedLog = Files.readString(d.logFile(killedTask));
        assertTrue(killedLog.contains("resuming " + killedTask + " from checkpoint"), killedLog);
        assertTrue(d.state(killedTask).attempts() >= 2, killedLog);

        SweepTestSupport.Cli collect = SweepTestSupport.cli(Map.of(), tmp, "collect", d.path().toString(), "--strict");
        assertEquals(0, collect.code(), collect.output());
        SweepTestSupport.assertSameMetrics(expected, SweepTestSupport.readArrow(d.path().resolve("collected.arrow")));
    }
}
