package org.thermolearn.experiments.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link RunState} concludes from a heartbeat file and the OS lock. The clock-free cases (this
 * host) use real processes and locks; the cross-host cases write a heartbeat as another host would.
 */
class RunStateTest {

    @TempDir
    Path dir;

    private void beat(long pid, String host, Instant last) {
        new Heartbeat(pid, host, last.minusSeconds(60), last).write(dir);
    }

    @Test
    void anotherHostIsAliveWhileItsHeartbeatIsFreshAndStaleAfter() {
        beat(4242, "elsewhere.example", Instant.now().minusSeconds(1));
        assertEquals(RunState.Liveness.ALIVE, RunState.liveness(dir));
        String running = RunState.describe(dir, "running");
        assertTrue(running.startsWith("running (pid 4242 on elsewhere.example, last heartbeat "), running);

        beat(4242, "elsewhere.example", Instant.now().minus(RunState.STALE_AFTER).minusSeconds(5));
        assertEquals(RunState.Liveness.GONE, RunState.liveness(dir));
        String stale = RunState.describe(dir, "running");
        assertTrue(stale.startsWith("stale (last heartbeat ") && stale.contains("pid 4242 on host elsewhere.example"), stale);
        assertTrue(stale.contains("thermolearn resume " + dir), stale);
    }

    @Test
    void onThisHostADeadPidIsStaleAtOnceWhateverTheClock() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        p.waitFor();
        beat(pid, Heartbeat.localHost(), Instant.now()); // a heartbeat 0 s old, but its process has exited
        assertEquals(RunState.Liveness.GONE, RunState.liveness(dir));
        String st = RunState.describe(dir, "running");
        assertTrue(st.startsWith("stale (last heartbeat ") && st.contains(" ago, pid " + pid + " on host "), st);
    }

    @Test
    void onThisHostTheLockDecidesEvenAgainstAnOldHeartbeat() throws Exception {
        beat(ProcessHandle.current().pid(), Heartbeat.localHost(), Instant.now().minus(Duration.ofHours(3)));
        try (RunLock lock = RunLock.acquire(dir)) {
            assertEquals(RunState.Liveness.ALIVE, RunState.liveness(dir));
        }
        assertEquals(RunState.Liveness.GONE, RunState.liveness(dir), "lock released: the writer is gone");
        assertTrue(RunState.describe(dir, "running").startsWith("stale (last heartbeat 3 h ago"), RunState.describe(dir, "running"));
    }

    @Test
    void finishedStatesAreReportedAsTheyAre() {
        beat(1, "elsewhere.example", Instant.now().minus(Duration.ofDays(2)));
        assertEquals("done", RunState.describe(dir, "done"));
        assertEquals("failed: diverged at epoch 3 (x)", RunState.describe(dir, "failed: diverged at epoch 3 (x)"));
    }

    @Test
    void theTimerKeepsTheHeartbeatFreshAndTheFileWhole() throws Exception {
        try (Heartbeat.Beating b = Heartbeat.Beating.start(dir)) {
            Heartbeat first = Heartbeat.read(dir).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), first.pid());
            // the event: a later beat of the timer (bounded wait, never a fixed sleep that decides the outcome)
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (Heartbeat.read(dir).map(h -> !h.last().isAfter(first.last())).orElse(true) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Heartbeat.read(dir).orElseThrow().last().isAfter(first.last()), "the timer renewed the heartbeat");
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(".tmp")).count(), "no temporary file left");
        }
    }
}
