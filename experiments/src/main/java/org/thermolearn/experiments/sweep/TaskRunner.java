package org.thermolearn.experiments.sweep;

import org.thermolearn.experiments.run.RunState;

import java.io.File;
import java.net.InetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Runs one task of a sweep to completion in separate JVMs, the same way under every executor:
 * skip it if its status is {@code done} and its figures are complete ({@link SweepDir#isFinished}); otherwise hold its lock (so two workers never run the same
 * task), start {@code run --config configs/<id>.json --output tasks/<id>} — or {@code resume tasks/<id>}
 * when a checkpoint exists — and retry a failure (resuming) until {@code maxAttempts} attempts are
 * used. Exit code 2 (bad configuration) is not retried. Attempts are counted in
 * {@code state/<id>.json}, so re-running a sweep continues the count; an attempt whose worker was
 * killed from outside (cancel, a killed sweep, a lost node) is not counted.
 */
public final class TaskRunner {

    /** What happened to a task. */
    public enum Outcome { DONE, ALREADY_DONE, FAILED, GAVE_UP, BUSY, CANCELLED }

    /** The argument Arrow's memory layer needs on Java 17 (docs/DESIGN.md, "Platform notes"). */
    public static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final String RUNNING_PREFIX = "attempt ";
    private static final String RUNNING_SUFFIX = " running";

    private final SweepDir sweep;
    private final String java;
    private final List<String> classPath;
    private final int threads;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /**
     * @param java      the java binary for workers
     * @param classPath class path entries (made absolute here)
     * @param threads   BLAS threads per worker (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS)
     */
    public TaskRunner(SweepDir sweep, String java, List<String> classPath, int threads) {
        this.sweep = sweep;
        this.java = java;
        List<String> cp = new ArrayList<>();
        for (String e : classPath) if (!e.isEmpty()) cp.add(Path.of(e).toAbsolutePath().normalize().toString());
        this.classPath = List.copyOf(cp);
        this.threads = Math.max(1, threads);
    }

    /** A runner using this JVM's java binary and class path. */
    public static TaskRunner forCurrentJvm(SweepDir sweep, int threads) {
        return new TaskRunner(sweep, currentJava(), List.of(System.getProperty("java.class.path").split(File.pathSeparator)), threads);
    }

    /** The java binary of the running JVM. */
    public static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Stops starting attempts and destroys the worker JVMs now running (their tasks resume on the next run). */
    public void cancel() {
        cancelled = true;
        for (Process p : live) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    /** Runs a task; never throws for a task failure (one failed task never stops the others). */
    public Outcome run(SweepTask task) {
        String id = task.id();
        if (sweep.isFinished(id)) return Outcome.ALREADY_DONE;
        Path lockPath = sweep.lockFile(id);
        try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) return Outcome.BUSY;
            try {
                return runLocked(task);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            log(id, "cannot lock " + lockPath + ": " + e.getMessage());
            return Outcome.FAILED;
        }
    }

    private Outcome runLocked(SweepTask task) {
        String id = task.id();
        if (sweep.isFinished(id)) return Outcome.ALREADY_DONE;
        if (sweep.isDone(id)) return finishFigures(task);
        int max = sweep.spec().maxAttempts();
        SweepDir.TaskState st = sweep.state(id);
        if (st.attempts() > 0 && st.lastReason().equals(RUNNING_PREFIX + st.attempts() + RUNNING_SUFFIX)) {
            // The previous worker died without recording an outcome (killed with the sweep, node lost):
            // an interruption, not a failure of the run, so it does not use up an attempt.
            st = new SweepDir.TaskState(st.attempts() - 1, st.lastExit(), "interrupted", false);
            sweep.writeState(id, st);
        }
        if (st.permanent() || st.attempts() >= max) return Outcome.GAVE_UP;
        while (st.attempts() < max) {
            if (cancelled || Files.exists(sweep.cancelFile())) return Outcome.CANCELLED;
            int attempt = st.attempts() + 1;
            sweep.writeState(id, new SweepDir.TaskState(attempt, st.lastExit(), RUNNING_PREFIX + attempt + RUNNING_SUFFIX, false));
            List<String> cmd;
            try {
                cmd = command(task);
            } catch (IOException e) {
                sweep.writeState(id, new SweepDir.TaskState(attempt, -1, "cannot prepare: " + e.getMessage(), false));
                return Outcome.FAILED;
            }
            int exit;
            try {
                exit = launch(id, attempt, cmd);
            } catch (IOException e) {
                st = new SweepDir.TaskState(attempt, -1, "cannot start java: " + e.getMessage(), false);
                sweep.writeState(id, st);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.CANCELLED;
            }
            if (exit == 0 && sweep.isDone(id)) {
                sweep.writeState(id, new SweepDir.TaskState(attempt, 0, "done", false));
                return Outcome.DONE;
            }
            if (cancelled || Files.exists(sweep.cancelFile())) {
                sweep.writeState(id, new SweepDir.TaskState(attempt - 1, exit, "cancelled during attempt " + attempt, false));
                return Outcome.CANCELLED;
            }
            String status = sweep.runStatus(id);
            String reason = exit == 0 ? "exited 0 but status is '" + status + "'" : "exit code " + exit + (status != null && status.startsWith("failed") ? " (" + status + ")" : "");
            // 2 = bad configuration, 3 = diverged: deterministic, so a retry would end the same way
            boolean permanent = exit == 2 || exit == 3;
            st = new SweepDir.TaskState(attempt, exit, reason, permanent);
            sweep.writeState(id, st);
            log(id, "attempt " + attempt + "/" + max + " failed: " + reason
                    + (permanent ? (exit == 3 ? "; diverged, not retried" : "; bad configuration, not retried") : ""));
            if (permanent) break;
        }
        return Outcome.FAILED;
    }

    /**
     * A done task whose worker was killed while drawing the final figures: {@code resume} verifies its
     * records, removes the temporary files and draws the figures again. Not an attempt: the run is done.
     */
    private Outcome finishFigures(SweepTask task) {
        String id = task.id();
        try {
            int exit = launch(id, sweep.state(id).attempts(), command(task));
            if (exit == 0 && sweep.isFinished(id)) return Outcome.ALREADY_DONE;
            log(id, "redrawing the figures of the done task ended with exit code " + exit + "; see thermolearn report " + sweep.taskDir(id));
        } catch (IOException e) {
            log(id, "cannot redraw the figures of the done task: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.CANCELLED;
        }
        return Outcome.FAILED;
    }

    /** The worker command: a fresh run, or a resume when the task directory holds a checkpoint. */
    List<String> command(SweepTask task) throws IOException {
        String id = task.id();
        Path taskDir = sweep.taskDir(id);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add(ADD_OPENS);
        cmd.addAll(sweep.spec().jvmArgs());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(sweep.spec().mainClass());
        if (hasCheckpoint(taskDir)) {
            cmd.add("resume");
            cmd.add(taskDir.toString());
        } else {
            if (Files.exists(taskDir)) {
                // nothing resumable in it: start clean, unless a live worker (of a killed executor) still writes it
                if (RunState.liveness(taskDir) == RunState.Liveness.ALIVE) throw new IOException("task directory " + taskDir + " is still being written by "
                        + org.thermolearn.experiments.run.RunLock.holder(taskDir) + "; retry when it has stopped");
                deleteTree(taskDir);
            }
            cmd.add("run");
            cmd.add("--config");
            cmd.add(sweep.configFile(id).toString());
            cmd.add("--output");
            cmd.add(taskDir.toString());
        }
        return cmd;
    }

    static boolean hasCheckpoint(Path taskDir) throws IOException {
        Path cp = taskDir.resolve("checkpoints");
        if (!Files.isRegularFile(taskDir.resolve("run.json")) || !Files.isDirectory(cp)) return false;
        try (Stream<Path> s = Files.list(cp)) {
            return s.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }

    private static int recordedThreads(Path taskDir, int otherwise) {
        Path json = taskDir.resolve("run.json");
        if (!Files.isRegularFile(json)) return otherwise;
        try {
            var n = org.thermolearn.experiments.config.ConfigLoader.json().readTree(json.toFile()).path("threads").path("blas_threads");
            return n.isInt() && n.asInt() >= 1 ? n.asInt() : otherwise;
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    private int launch(String id, int attempt, List<String> cmd) throws IOException, InterruptedException {
        Path logFile = sweep.logFile(id);
        Files.createDirectories(logFile.getParent());
        log(id, "attempt " + attempt + " on " + host() + ": " + String.join(" ", cmd.subList(cmd.indexOf(sweep.spec().mainClass()), cmd.size())));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // a task resumed keeps the BLAS thread count it started with (run.json "threads"), so that its
        // records stay bit-identical even when this sweep runs with another parallelism
        int t = recordedThreads(sweep.taskDir(id), threads);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(t));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(t));
        pb.environment().put(org.thermolearn.experiments.cli.ThermoLearnCli.PARENT_WATCH_ENV, "1");
        Process p = pb.start();
        live.add(p);
        try {
            if (cancelled) p.destroy();
            return p.waitFor();
        } finally {
            live.remove(p);
        }
    }

    private void log(String id, String line) {
        try {
            Files.createDirectories(sweep.logFile(id).getParent());
            Files.writeString(sweep.logFile(id), "[sweep " + Instant.now() + "] " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
