package org.thermolearn.experiments.sweep;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts a real single-node Slurm cluster (munged, slurmctld, slurmd on loopback) with
 * tests/slurm/start-cluster.sh, runs a 12-task sweep as one job array and the same sweep with the
 * local executor, and checks that the two collected tables are identical bit for bit. Skipped
 * (with a reason) where slurmctld is not installed or the test is not root. Stops the daemons by
 * their pid files.
 */
@Tag("slurm")
class SlurmIntegrationTest {

    static Path clusterDir;
    static Path work;
    static Map<String, String> env;

    static Path scripts() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tests/slurm/start-cluster.sh"))) return p.resolve("tests/slurm");
        }
        throw new IllegalStateException("tests/slurm/start-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, cmd))) return true;
        return Files.isExecutable(Path.of("/usr/sbin", cmd));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(onPath("slurmctld") && onPath("slurmd") && onPath("munged") && onPath("sbatch"),
                "Slurm is not installed: apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the private Slurm cluster runs its daemons as root");
        clusterDir = Files.createTempDirectory("tl-slurm-");
        work = Files.createTempDirectory("tl-sweep-");
        Process p = new ProcessBuilder("bash", scripts().resolve("start-cluster.sh").toString(), clusterDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            stop();
            throw new AssertionError("start-cluster.sh failed:\n" + out);
        }
        env = Map.of("SLURM_CONF", clusterDir.resolve("slurm.conf").toString());
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (clusterDir == null) return;
        Process p = new ProcessBuilder("bash", scripts().resolve("stop-cluster.sh").toString(), clusterDir.toString()).inheritIO().start();
        p.waitFor();
        for (String f : new String[]{"slurmd.pid", "slurmctld.pid", "munge/munged.pid"}) {
            assertTrue(!Files.exists(clusterDir.resolve(f)), f + " still there");
        }
    }

    @Test
    void slurmArrayAndLocalExecutorCollectTheSameTable() throws Exception {
        Path local = SweepTestSupport.write(work.resolve("l"), "spec.yaml", SweepTestSupport.spec12("twelve", work.resolve("local out"), 3));
        Path slurm = SweepTestSupport.write(work.resolve("s"), "spec.yaml", SweepTestSupport.spec12("twelve", work.resolve("slurm out"), 3));

        long t0 = System.nanoTime();
        SweepTestSupport.Cli l = SweepTestSupport.cli(env, work, "run", local.toString(), "--executor", "local", "--parallel", "2");
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, l.code(), l.output());

        t0 = System.nanoTime();
        SweepTestSupport.Cli s = SweepTestSupport.cli(env, work, "run", slurm.toString(), "--executor", "slurm", "--poll-seconds", "0.5");
        double slurmSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, s.code(), s.output());
        assertTrue(s.output().contains("submitted job array"), s.output());
        System.out.printf("12-task sweep wall time: local (2 at a time) %.1f s, slurm (array %%2 on a 2-CPU node) %.1f s%n", localSeconds, slurmSeconds);

        Path sdir = work.resolve("slurm out").resolve("twelve");
        String script = Files.readString(sdir.resolve("slurm/sweep.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-11%2"), script);
        try (var logs = Files.list(sdir.resolve("slurm/logs"))) {
            assertEquals(12, logs.count(), "one Slurm log per array element");
        }

        SweepTestSupport.Cli st = SweepTestSupport.cli(env, work, "status", sdir.toString());
        assertEquals(0, st.code(), st.output());
        assertTrue(st.output().contains("{done=12}"), st.output());

        // re-submitting a finished sweep submits nothing
        SweepTestSupport.Cli again = SweepTestSupport.cli(env, work, "run", slurm.toString(), "--executor", "slurm");
        assertEquals(0, again.code(), again.output());
        assertTrue(again.output().contains("nothing to submit"), again.output());

        for (Path spec : new Path[]{local, slurm}) {
            SweepTestSupport.Cli c = SweepTestSupport.cli(env, work, "collect", spec.toString(), "--strict");
            assertEquals(0, c.code(), c.output());
        }
        SweepTestSupport.Table a = SweepTestSupport.readArrow(work.resolve("local out/twelve/collected.arrow"));
        SweepTestSupport.Table b = SweepTestSupport.readArrow(sdir.resolve("collected.arrow"));
        assertEquals(12 * 4, a.rows());
        SweepTestSupport.assertSameMetrics(a, b);
    }

    @Test
    void realRunsUnderSlurmEqualTheLocalExecutorBitForBit() throws Exception {
        Path data = RealRunSweepTest.data(work.resolve("data"));
        Path local = SweepTestSupport.write(work.resolve("rl"), "spec.yaml", RealRunSweepTest.spec("real", work.resolve("real local"), data, 3));
        Path slurm = SweepTestSupport.write(work.resolve("rs"), "spec.yaml", RealRunSweepTest.spec("real", work.resolve("real slurm"), data, 3));
        long t0 = System.nanoTime();
        SweepTestSupport.Cli l = SweepTestSupport.cli(env, work, "run", local.toString(), "--executor", "local");
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, l.code(), l.output());
        t0 = System.nanoTime();
        SweepTestSupport.Cli s = SweepTestSupport.cli(env, work, "run", slurm.toString(), "--executor", "slurm", "--poll-seconds", "0.5");
        double slurmSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, s.code(), s.output());
        System.out.printf("4-task real sweep wall time: local (2 at a time) %.1f s, slurm (array %%2) %.1f s%n", localSeconds, slurmSeconds);
        for (Path spec : new Path[]{local, slurm}) {
            SweepTestSupport.Cli c = SweepTestSupport.cli(env, work, "collect", spec.toString(), "--strict");
            assertEquals(0, c.code(), c.output());
        }
        SweepTestSupport.Table a = SweepTestSupport.readArrow(work.resolve("real local/real/collected.arrow"));
        SweepTestSupport.Table b = SweepTestSupport.readArrow(work.resolve("real slurm/real/collected.arrow"));
        assertEquals(4 * 4, a.rows());
        assertTrue(a.columns().containsKey("c_gt_1_all") && a.columns().containsKey("skewness_nt_all"));
        SweepTestSupport.assertSameMetrics(a, b);
    }

    @Test
    void cancelStopsAQueuedArrayAndARerunFinishesIt() throws Exception {
        Path spec = SweepTestSupport.write(work.resolve("c"), "spec.yaml", SweepTestSupport.spec12("cancel", work.resolve("cancel"), 30));
        Path sdir = work.resolve("cancel").resolve("cancel");
        SweepDir prepared = SweepDir.prepare(SweepPlan.of(SweepSpec.load(spec), ConfigResolver.toolkit()));
        Files.writeString(prepared.path().resolve("fake.properties"), "sleepMs=200\n");
        SweepTestSupport.Cli sub = SweepTestSupport.cli(env, work, "run", spec.toString(), "--executor", "slurm", "--no-wait");
        assertEquals(0, sub.code(), sub.output());
        SlurmExecutor ex = new SlurmExecutor(SweepDir.open(sdir), System.out);
        // the event: the first task has two checkpoints. Not "or the queue is empty": squeue answers nothing while
        // slurmctld is busy right after sbatch, which ended this wait before any task ran. The bound only turns a
        // hang of the cluster into a failure with a message; it is no speed assertion.
        Path first = prepared.taskDir(prepared.tasks().get(0).id());
        for (int i = 0; i < 6000 && SweepStatus.checkpoints(first) < 2 && !prepared.isDone(prepared.tasks().get(0).id()); i++) Thread.sleep(100);
        assertTrue(SweepStatus.checkpoints(first) >= 2, "the first Slurm task never recorded two checkpoints; squeue: " + ex.queue(ex.jobs()));
        SweepTestSupport.Cli st = SweepTestSupport.cli(env, work, "status", sdir.toString());
        assertTrue(st.output().contains("running") && st.output().contains("queued"), st.output());
        SweepTestSupport.Cli cancel = SweepTestSupport.cli(env, work, "cancel", sdir.toString());
        assertEquals(0, cancel.code(), cancel.output());
        assertTrue(cancel.output().contains("cancelled Slurm job"), cancel.output());
        while (!ex.queue(ex.jobs()).isEmpty()) Thread.sleep(200); // the event: scancel emptied the queue
        assertTrue(ex.queue(ex.jobs()).isEmpty(), "array still queued after scancel");
        long done = prepared.tasks().stream().filter(t -> prepared.isDone(t.id())).count();
        assertTrue(done < 12, "cancel came too late to test anything");

        Files.writeString(prepared.path().resolve("fake.properties"), "sleepMs=0\n");
        SweepTestSupport.Cli rerun = SweepTestSupport.cli(env, work, "run", spec.toString(), "--executor", "slurm", "--poll-seconds", "0.5");
        assertEquals(0, rerun.code(), rerun.output());
        SweepTestSupport.Cli c = SweepTestSupport.cli(env, work, "collect", sdir.toString(), "--strict");
        assertEquals(0, c.code(), c.output());
        assertEquals(12 * 31, SweepTestSupport.readArrow(sdir.resolve("collected.arrow")).rows(), "nothing lost or duplicated");
    }
}
