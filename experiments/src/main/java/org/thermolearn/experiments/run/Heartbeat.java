package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.experiments.config.ConfigLoader;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@value #FILE} file of a run directory: which process writes the run (pid, host, start) and
 * when it last showed that it is alive. The writer rewrites it atomically (temporary file + rename)
 * every {@link #INTERVAL} from a timer thread and at every checkpoint, so a reader never meets a
 * torn file. Unlike the OS lock ({@link RunLock}, host-local and unreliable on NFS) the heartbeat
 * can be judged from any host that sees the directory: see {@link RunState}.
 *
 * @param pid       process id of the writer (on {@code host})
 * @param host      host name of the writer
 * @param started   when the writer took the run directory
 * @param last      the last heartbeat
 */
public record Heartbeat(long pid, String host, Instant started, Instant last) {

    /** The heartbeat file in a run directory. */
    public static final String FILE = ".heartbeat";
    /** How often a live writer renews its heartbeat. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    /** The heartbeat of this process, now. */
    static Heartbeat now(Instant started) {
        return new Heartbeat(ProcessHandle.current().pid(), localHost(), started, Instant.now());
    }

    /** The heartbeat recorded in {@code runDir}, if any and readable. */
    public static Optional<Heartbeat> read(Path runDir) {
        try {
            JsonNode n = ConfigLoader.json().readTree(Files.readString(runDir.resolve(FILE), StandardCharsets.UTF_8));
            return Optional.of(new Heartbeat(n.get("pid").asLong(), n.get("host").asText(),
                    Instant.parse(n.get("started").asText()), Instant.parse(n.get("heartbeat").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // absent (a run older than heartbeats, or not started) or unreadable
        }
    }

    /** Writes this heartbeat atomically; never fails the run (a full disk must not stop training for a heartbeat). */
    void write(Path runDir) {
        ObjectNode n = ConfigLoader.json().createObjectNode();
        n.put("pid", pid);
        n.put("host", host);
        n.put("started", started.toString());
        n.put("heartbeat", last.toString());
        n.put("interval_seconds", INTERVAL.toSeconds());
        Path tmp = runDir.resolve(FILE + "." + pid + ".tmp");
        try {
            Files.writeString(tmp, n.toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next beat tries again; a leftover temporary file is removed at resume
            }
        }
    }

    /** Time since the last heartbeat (negative when the writer's clock is ahead of this host's). */
    public Duration age(Instant now) {
        return Duration.between(last, now);
    }

    /** True when the writer runs on this host (so its pid can be asked about directly). */
    public boolean onThisHost() {
        return host.equals(localHost());
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** The timer that keeps a run's heartbeat fresh while this process writes it. */
    public static final class Beating implements AutoCloseable {
        private final Path runDir;
        private final Instant started = Instant.now();
        private final ScheduledExecutorService timer;

        private Beating(Path runDir) {
            this.runDir = runDir;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeat " + runDir.getFileName());
                t.setDaemon(true);
                return t;
            });
            beat();
            timer.scheduleWithFixedDelay(this::beat, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Starts beating for {@code runDir} (one beat at once). */
        public static Beating start(Path runDir) {
            return new Beating(runDir);
        }

        /** One beat now (at a checkpoint, in addition to the timer). */
        public synchronized void beat() {
            Heartbeat.now(started).write(runDir);
        }

        @Override
        public void close() {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
