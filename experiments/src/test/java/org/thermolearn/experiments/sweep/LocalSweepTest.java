package org.thermolearn.experiments.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local executor with worker JVMs running {@link FakeRunMain}; collect; skip, retry, give up. */
class LocalSweepTest {

    @TempDir
    Path tmp;

    private SweepDir prepare(String yaml) throws Exception {
        SweepSpec s = SweepSpec.load(SweepTestSupport.write(tmp, "spec.yaml", yaml));
        return SweepDir.prepare(SweepPlan.of(s, ConfigResolver.identity()));
    }

    private static Map<TaskRunner.Outcome, Integer> runLocal(SweepDir d, int parallel) {
        return new LocalExecutor(d, parallel, 1, new PrintStream(new ByteArrayOutputStream())).run();
    }

    @Test
    void runsEveryTaskCollectsAndReRunningSkipsFinishedTasks() throws Exception {
        SweepDir d = prepare(SweepTestSupport.spec12("loc", tmp.resolve("out"), 3));
        Map<TaskRunner.Outcome, Integer> first = runLocal(d, 2);
        assertEquals(Map.of(TaskRunner.Outcome.DONE, 12), first);
        for (SweepTask t : d.tasks()) {
            assertTrue(d.isDone(t.id()));
            assertEquals(1, d.state(t.id()).attempts());
            String log = Files.readString(d.logFile(t.id()));
            assertTrue(log.contains("attempt 1"), log);
        }
        SweepCollector.Result r = new SweepCollector(d).collect();
        assertEquals(12, r.tasks(), () -> "missing " + r.missing() + ", damaged " + r.damaged());
        assertEquals(12 * 4, r.rows());
        assertTrue(r.missing().isEmpty());
        byte[] before = Files.readAllBytes(r.file());

        Map<TaskRunner.Outcome, Integer> again = runLocal(d, 3);
        assertEquals(Map.of(TaskRunner.Outcome.ALREADY_DONE, 12), again);
        for (SweepTask t : d.tasks()) assertEquals(1, d.state(t.id()).attempts(), "a finished task is not run again");
        SweepCollector.Result r2 = new SweepCollector(d).collect();
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(r2.file())), "collecting twice gives the same bytes");

        SweepTestSupport.Table t = SweepTestSupport.readArrow(r.file());
        assertEquals(List.of("task_id", "task_index", "param_architecture", "param_learning_rate", "param_seed", "param_depth",
                "checkpoint", "epoch", "c_gt_1_all", "skewness_nt_all", "test_accuracy", "checkpoint_seconds", "linalg_backend"),
                new ArrayList<>(t.columns().keySet()));
        assertEquals("Utf8", t.schema().findField("param_architecture").getType().getTypeID().name());
        assertEquals("FloatingPoint", t.schema().findField("param_learning_rate").getType().getTypeID().name());
        assertEquals("S21", t.schema().findField("c_gt_1_all").getMetadata().get("formula"), "field metadata is carried over");
        assertEquals("s", t.schema().findField("checkpoint_seconds").getMetadata().get("unit"));
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < t.rows(); i++) keys.add(t.columns().get("task_id").get(i) + "/" + t.columns().get("checkpoint").get(i));
        assertEquals(t.rows(), keys.size(), "no (task, checkpoint) twice");
        assertEquals(2.0, t.columns().get("param_depth").get(t.rows() - 1));
        assertTrue(r.figures().stream().anyMatch(f -> f.getFileName().toString().equals("c_gt_1_all_vs_param_learning_rate.png")), r.figures().toString());
        assertTrue(r.figures().stream().anyMatch(f -> f.getFileName().toString().equals("skewness_nt_all_vs_param_depth.png")), r.figures().toString());
        for (Path f : r.figures()) assertTrue(Files.size(f) > 1000, f + " is a real PNG");
    }

    @Test
    void failuresAreRetriedBadConfigsAreNotAndOneFailureNeverStopsTheOthers() throws Exception {
        SweepDir d = prepare("""
                name: fails
                output: %s
                mainClass: org.thermolearn.experiments.sweep.FakeRunMain
                maxAttempts: 3
                base: {epochs: 2}
                axes:
                  - grid: {learningRate: [0.1, 0.2, 0.3, 0.4]}
                """.formatted(SweepTestSupport.quote(tmp.resolve("out").toString())));
        List<SweepTask> ts = d.tasks();
        String flaky = ts.get(0).id(), hopeless = ts.get(1).id(), bad = ts.get(2).id();
        Files.writeString(d.path().resolve("fake.properties"),
                "fail." + flaky + "=2\nfail." + hopeless + "=99\nbadConfig." + bad + "=true\n");
        Map<TaskRunner.Outcome, Integer> c = runLocal(d, 2);
        assertEquals(Map.of(TaskRunner.Outcome.DONE, 2, TaskRunner.Outcome.FAILED, 2), c);
        assertEquals(3, d.state(flaky).attempts(), "two injected failures, then success");
        assertTrue(d.isDone(flaky));
        assertEquals(3, d.state(hopeless).attempts());
        assertFalse(d.state(hopeless).permanent());
        assertEquals(1, d.state(bad).attempts(), "exit code 2 is not retried");
        assertTrue(d.state(bad).permanent());
        assertTrue(d.isDone(ts.get(3).id()));

        SweepCollector.Result r = new SweepCollector(d).collect();
        assertEquals(2, r.tasks(), () -> "missing " + r.missing() + ", damaged " + r.damaged());
        assertEquals(2, r.missing().size());
        String missing = String.join("\n", r.missing());
        assertTrue(missing.contains(hopeless) && missing.contains("failed after 3 attempt(s)"), missing);
        assertTrue(missing.contains(bad) && missing.contains("not retried"), missing);
        assertEquals(SweepStatus.State.FAILED, SweepStatus.state(d, ts.get(1), Map.of()));

        // re-running gives up on them without new attempts; --retry-failed gives a fresh set
        assertEquals(Map.of(TaskRunner.Outcome.ALREADY_DONE, 2, TaskRunner.Outcome.GAVE_UP, 2), runLocal(d, 2));
        Files.writeString(d.path().resolve("fake.properties"), "");
        SweepCommand.Run.resetFailed(d);
        assertEquals(Map.of(TaskRunner.Outcome.ALREADY_DONE, 2, TaskRunner.Outcome.DONE, 2), runLocal(d, 2));
        assertEquals(4, new SweepCollector(d).collect().tasks());
    }

    @Test
    void aTaskHeldByAnotherWorkerIsNotRunTwice() throws Exception {
        SweepDir d = prepare("name: lock\noutput: " + SweepTestSupport.quote(tmp.resolve("o").toString())
                + "\nmainClass: org.thermolearn.experiments.sweep.FakeRunMain\nbase: {epochs: 1}\n");
        SweepTask t = d.tasks().get(0);
        try (var ch = java.nio.channels.FileChannel.open(d.lockFile(t.id()), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            assertNotNull(lock);
            assertEquals(TaskRunner.Outcome.BUSY, TaskRunner.forCurrentJvm(d, 1).run(t));
        }
        assertFalse(Files.exists(d.taskDir(t.id())));
        assertEquals(TaskRunner.Outcome.DONE, TaskRunner.forCurrentJvm(d, 1).run(t));
    }
}
