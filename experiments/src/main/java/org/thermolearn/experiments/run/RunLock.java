package org.thermolearn.experiments.run;

import java.io.IOException;
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
 * any clock on the writer's host: a run whose status says "running" but whose lock is free is stale
 * ({@link RunState}, which also reads the {@link Heartbeat} for other hosts).
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
        String who = "pid " + ProcessHandle.current().pid() + " on " + Heartbeat.localHost() + " since " + Instant.now() + "\n";
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

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
