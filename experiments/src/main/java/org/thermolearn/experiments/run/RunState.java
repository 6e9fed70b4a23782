package org.thermolearn.experiments.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The truth about a run whose status file says {@code running}: is its writer alive? Judged from
 * the {@link Heartbeat} (pid, host, last beat) and, on the writer's own host, the OS lock
 * ({@link RunLock}):
 * <ul>
 *   <li>on the writer's host: alive while a process holds the lock (the OS drops it when the process
 *       dies, even by {@code kill -9}, so this is seen at once, without a clock, and a reused pid does
 *       not fool it); before the writer took the lock, while its pid is a live process;</li>
 *   <li>from another host (a shared or NFS file system, where the OS lock cannot be trusted): alive
 *       while the last heartbeat is younger than {@link #STALE_AFTER}, many beat intervals, which
 *       also absorbs clock skew between hosts of a few seconds;</li>
 *   <li>a run without a heartbeat file (older than heartbeats): the lock alone, as before.</li>
 * </ul>
 * {@link #describe} says {@code running (…)}, {@code stale (last heartbeat … ago, pid … on host …)},
 * {@code done}, {@code failed: …}, or the status line as it stands.
 */
public final class RunState {

    /** A heartbeat older than this, seen from another host, means the writer is gone. */
    public static final Duration STALE_AFTER = Heartbeat.INTERVAL.multipliedBy(15);

    /** Whether the writer of a run lives. */
    public enum Liveness { ALIVE, GONE, UNKNOWN }

    private RunState() { }

    /** The state of {@code runDir} given its status line (see the class comment). */
    public static String describe(Path runDir, String status) {
        if (!status.startsWith("running")) return status;
        Optional<Heartbeat> hb = Heartbeat.read(runDir);
        Instant now = Instant.now();
        return switch (liveness(runDir)) {
            case ALIVE -> hb.map(h -> "running (pid " + h.pid() + " on " + h.host() + ", last heartbeat " + ago(h.age(now)) + ")")
                    .orElse("running (" + RunLock.holder(runDir) + ")");
            case GONE -> "stale (" + hb.map(h -> "last heartbeat " + ago(h.age(now)) + ", pid " + h.pid() + " on host " + h.host())
                    .orElse("status says running, but its writer, " + RunLock.holder(runDir) + ", is gone")
                    + "): `thermolearn resume " + runDir + "` continues it";
            case UNKNOWN -> status;
        };
    }

    /** Whether the writer of {@code runDir} is alive (see the class comment); UNKNOWN when nothing tells. */
    public static Liveness liveness(Path runDir) {
        Optional<Heartbeat> hb = Heartbeat.read(runDir);
        if (hb.isPresent() && !hb.get().onThisHost()) {
            return hb.get().age(Instant.now()).compareTo(STALE_AFTER) <= 0 ? Liveness.ALIVE : Liveness.GONE;
        }
        Boolean locked = lockHeld(runDir);
        if (locked != null) return locked ? Liveness.ALIVE : Liveness.GONE; // the writer's host: the OS lock is exact
        if (hb.isEmpty()) return Liveness.UNKNOWN; // neither lock nor heartbeat: a run from before either existed
        // a heartbeat but no lock yet (a run between create and execute): its pid decides
        return ProcessHandle.of(hb.get().pid()).map(ProcessHandle::isAlive).orElse(false) ? Liveness.ALIVE : Liveness.GONE;
    }

    /** True when a live process holds the run's OS lock, false when nobody does, null when there is no lock file. */
    private static Boolean lockHeld(Path runDir) {
        Path f = runDir.resolve(RunLock.FILE);
        if (!Files.exists(f)) return null;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return true; // this very process holds it
            }
            if (l == null) return true;
            l.release();
            return false;
        } catch (IOException e) {
            return null;
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
