package org.thermolearn.experiments.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per run directory: the process that trains or resumes a run holds an OS lock on
 * {@code .lock} (which also names its pid, host and start time). The OS drops the lock when the
 * process dies, even by {@code kill -9}, so the lock also tells a live run from a dead one without
 * any clock: a run whose status says "running" but whose lock is free is {@linkplain #state stale}.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file in a run directory. */
    public static final String FILE = ".lock";

    /** Another live process writes the run directory; not a configuration error (a later try may succeed). */
    public static final class BusyException extends RuntimeException {
        public BusyException(String message) { super(message); }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code runDir} or throws {@link BusyException} naming the holder. */
    public static RunLock acquire(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new BusyException("run directory " + runDir + " is being written by another process (" + holder(runDir)
                    + "); wait for it to finish, or stop that process first");
        }
        ch.truncate(0);
        String who = "pid " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now() + "\n";
        ch.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new RunLock(ch, l);
    }

    /** Who holds (or last held) the lock, as written in the lock file. */
    public static String holder(Path runDir) {
        try {
            String s = Files.readString(runDir.resolve(FILE), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "unknown process" : s;
        } catch (IOException e) {
            return "unknown process";
        }
    }

    /**
     * The truth about a run's status: {@code running (pid …)} when a live process holds the lock,
     * {@code stale (…)} when the status says running but nobody does, else the status itself.
     */
    public static String state(Path runDir, String status) {
        if (!status.startsWith("running")) return status;
        Path f = runDir.resolve(FILE);
        if (!Files.exists(f)) return status; // a run from before locks existed: cannot tell
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return "running (this process)";
            }
            if (l == null) return "running (" + holder(runDir) + ")";
            l.release();
            return "stale (status says running, but its writer, " + holder(runDir) + ", is gone; last record "
                    + lastRecord(runDir) + "): `thermolearn resume " + runDir + "` continues it";
        } catch (IOException e) {
            return status;
        }
    }

    private static String lastRecord(Path runDir) {
        try {
            return Files.getLastModifiedTime(runDir.resolve("metrics.arrow")).toInstant().toString();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
