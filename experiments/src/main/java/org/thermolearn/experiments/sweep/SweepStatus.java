package org.thermolearn.experiments.sweep;

import org.thermolearn.experiments.run.Heartbeat;
import org.thermolearn.experiments.run.RunState;
import org.thermolearn.experiments.run.RunStatus;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The state of every task of a sweep, from the files in the sweep directory (status, attempt
 * state, worker lock, checkpoints) and, for Slurm, the queue.
 */
public final class SweepStatus {

    /** Coarse state of a task. */
    public enum State { DONE, RUNNING, QUEUED, FAILED, INTERRUPTED, PENDING }

    private SweepStatus() { }

    public static State state(SweepDir sweep, SweepTask t, Map<Integer, String> queue) {
        if (sweep.isDone(t.id())) return State.DONE;
        String q = queue.get(t.index());
        if (locked(sweep.lockFile(t.id())) || "RUNNING".equals(q)) return State.RUNNING;
        if (q != null) return State.QUEUED;
        SweepDir.TaskState s = sweep.state(t.id());
        if (s.permanent() || s.attempts() >= sweep.spec().maxAttempts()) return State.FAILED;
        if (Files.exists(sweep.taskDir(t.id()))) return State.INTERRUPTED;
        return State.PENDING;
    }

    /** One-line description of a task's state. */
    public static String describe(SweepDir sweep, SweepTask t, Map<Integer, String> queue) {
        State st = state(sweep, t, queue);
        SweepDir.TaskState s = sweep.state(t.id());
        return switch (st) {
            case DONE -> "done";
            case RUNNING -> "running (attempt " + s.attempts() + ", " + checkpoints(sweep.taskDir(t.id())) + " checkpoint(s) so far"
                    + Heartbeat.read(sweep.taskDir(t.id())).map(h -> "; pid " + h.pid() + " on " + h.host() + ", last heartbeat "
                    + Math.max(0, h.age(java.time.Instant.now()).toSeconds()) + " s ago").orElse("") + ")";
            case QUEUED -> "queued in Slurm (" + queue.get(t.index()) + ")";
            case FAILED -> "failed after " + s.attempts() + " attempt(s): " + s.lastReason() + (s.permanent() ? " (bad configuration, not retried)" : "")
                    + "; see " + sweep.logFile(t.id()) + "; 'sweep run --retry-failed' tries again";
            case INTERRUPTED -> stale(sweep.taskDir(t.id())) + "unfinished (" + s.attempts() + " attempt(s), " + checkpoints(sweep.taskDir(t.id())) + " checkpoint(s); "
                    + (s.lastReason().isEmpty() ? "" : (s.lastReason().matches("attempt [0-9]+ running")
                    ? "its worker was stopped during " + s.lastReason().replace(" running", "") : s.lastReason()) + "; ")
                    + "re-running the sweep resumes it)";
            case PENDING -> "not started";
        };
    }

    /** "stale (last heartbeat …): " when the task's run says running but its writer is gone, else "". */
    private static String stale(Path taskDir) {
        String st;
        try {
            st = RunState.describe(taskDir, RunStatus.read(taskDir));
        } catch (IOException e) {
            return "";
        }
        return st.startsWith("stale (") ? st.substring(0, st.indexOf("):") + 1) + ", " : "";
    }

    /** Counts per state. */
    public static Map<State, Integer> counts(SweepDir sweep, Map<Integer, String> queue) {
        Map<State, Integer> m = new EnumMap<>(State.class);
        for (SweepTask t : sweep.tasks()) m.merge(state(sweep, t, queue), 1, Integer::sum);
        return m;
    }

    /** The status report printed by {@code sweep status}. */
    public static String render(SweepDir sweep, Map<Integer, String> queue) {
        StringBuilder b = new StringBuilder();
        Map<State, Integer> c = counts(sweep, queue);
        b.append("sweep ").append(sweep.spec().name()).append(" in ").append(sweep.path()).append(": ").append(sweep.tasks().size()).append(" task(s)");
        Map<String, Integer> sorted = new TreeMap<>();
        c.forEach((k, v) -> sorted.put(k.name().toLowerCase(), v));
        b.append(' ').append(sorted).append('\n');
        for (SweepTask t : sweep.tasks()) {
            b.append(String.format("%5d  %s  %s  %s%n", t.index(), t.id(), SweepPlan.describe(t.params()), describe(sweep, t, queue)));
        }
        return b.toString();
    }

    /** True when another process holds the task's worker lock. */
    static boolean locked(Path lock) {
        if (!Files.exists(lock)) return false;
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static long checkpoints(Path taskDir) {
        Path cp = taskDir.resolve("checkpoints");
        if (!Files.isDirectory(cp)) return 0;
        try (Stream<Path> s = Files.list(cp)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
