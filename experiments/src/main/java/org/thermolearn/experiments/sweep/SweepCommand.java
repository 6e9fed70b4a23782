package org.thermolearn.experiments.sweep;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code thermolearn sweep}: plan, run (local or Slurm), status, collect and cancel a batch sweep
 * described by one YAML spec (see {@link SweepSpec}). Exit codes: 0 success, 1 some task failed or
 * is missing, 2 bad input (spec, path, option).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Batch sweeps: one spec, a local executor and Slurm job arrays, one collected table.",
        subcommands = {SweepCommand.Plan.class, SweepCommand.Run.class, SweepCommand.Status.class,
                SweepCommand.Collect.class, SweepCommand.Cancel.class})
public class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public SweepCommand() { }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Runs a body, turning user errors into one clear message and exit code 2 (1 for failures). */
    static int guarded(Callable<Integer> body) {
        try {
            return body.call();
        } catch (SweepException e) {
            System.err.println("sweep: " + e.getMessage());
            return e.badInput() ? 2 : 1;
        } catch (IOException e) {
            System.err.println("sweep: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("sweep: interrupted");
            return 130;
        } catch (Exception e) {
            if (org.thermolearn.experiments.cli.ExitCodes.isUserError(e)) {
                System.err.println("sweep: " + e.getMessage());
                return org.thermolearn.experiments.cli.ExitCodes.BAD_INPUT;
            }
            throw new RuntimeException(e);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Print the expanded tasks with their stable ids; writes nothing.")
    public static class Plan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "sweep spec (YAML or JSON)")
        Path specFile;

        @Option(names = "--json", description = "print the plan as JSON (index, id, params, resolved config)")
        boolean json;

        @Override
        public Integer call() {
            return guarded(() -> {
                SweepPlan plan = SweepPlan.of(SweepSpec.load(specFile), ConfigResolver.toolkit());
                if (json) {
                    var arr = SweepSpec.JSON.createArrayNode();
                    for (SweepTask t : plan.tasks()) {
                        var o = arr.addObject();
                        o.put("index", t.index());
                        o.put("id", t.id());
                        var p = o.putObject("params");
                        t.params().forEach(p::set);
                        o.set("config", t.config());
                    }
                    System.out.println(SweepSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
                } else {
                    System.out.print(plan.render());
                }
                return 0;
            });
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every unfinished task: skip done ones, resume interrupted ones, retry failed ones up to maxAttempts.")
    public static class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC", description = "sweep spec (YAML or JSON)")
        Path specFile;

        @Option(names = "--executor", defaultValue = "local", description = "local (worker JVMs on this machine) or slurm (one job array); default ${DEFAULT-VALUE}")
        String executor;

        @Option(names = {"-j", "--parallel"}, description = "local: tasks at a time (default: the spec's local.parallel)")
        Integer parallel;

        @Option(names = "--threads-per-task", description = "local: OPENBLAS_NUM_THREADS per worker (default: the spec's, else cores / parallel)")
        Integer threads;

        @Option(names = "--retry-failed", description = "give tasks that used up their attempts a fresh set of attempts")
        boolean retryFailed;

        @Option(names = "--no-wait", description = "slurm: submit and return without waiting for the array to finish")
        boolean noWait;

        @Option(names = "--poll-seconds", defaultValue = "2", description = "slurm: squeue polling interval; default ${DEFAULT-VALUE}")
        double pollSeconds;

        private static void refuseIfRunning(SweepSpec s) throws java.io.IOException {
            Path pid = s.sweepDir().resolve("local.pid");
            if (Files.isRegularFile(pid)) {
                String p = Files.readString(pid).trim();
                if (p.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(p)).map(ProcessHandle::isAlive).orElse(false)
                        && Long.parseLong(p) != ProcessHandle.current().pid()) {
                    throw new SweepException("a local 'sweep run' of " + s.name() + " is already running (pid " + p + "); "
                            + "wait for it or stop it with 'sweep cancel " + s.sweepDir() + "'");
                }
            }
            if (Files.isDirectory(s.sweepDir().resolve("slurm"))) {
                SlurmExecutor.refuseIfLive(SweepDir.open(s.sweepDir()));
            }
        }

        @Override
        public Integer call() {
            return guarded(() -> {
                SweepSpec s = SweepSpec.load(specFile);
                SweepPlan plan = SweepPlan.of(s, ConfigResolver.toolkit());
                // refuse before anything is rewritten: a live sweep reads tasks.txt and configs/
                refuseIfRunning(s);
                SweepDir dir = SweepDir.prepare(plan);
                Files.deleteIfExists(dir.cancelFile());
                if (retryFailed) resetFailed(dir);
                PrintStream out = System.out;
                long t0 = System.nanoTime();
                switch (executor) {
                    case "local" -> {
                        LocalExecutor ex = new LocalExecutor(dir, parallel != null ? parallel : s.local().parallel(),
                                threads != null ? threads : s.local().threadsPerTask(), out);
                        out.println("sweep " + s.name() + ": " + dir.tasks().size() + " task(s), " + (parallel != null ? parallel : s.local().parallel())
                                + " at a time, OPENBLAS_NUM_THREADS=" + ex.threads() + ", in " + dir.path());
                        Map<TaskRunner.Outcome, Integer> c = ex.run();
                        out.println("outcomes: " + c);
                    }
                    case "slurm" -> {
                        SlurmExecutor ex = new SlurmExecutor(dir, out);
                        String job = ex.submit();
                        if (job == null) out.println("nothing to submit: every task is done or has used its attempts");
                        else if (!noWait) ex.await(job, Math.max(100, (long) (pollSeconds * 1000)));
                        else return 0;
                    }
                    default -> throw new SweepException("--executor '" + executor + "' is not known; use local or slurm");
                }
                Map<SweepStatus.State, Integer> c = SweepStatus.counts(dir, Map.of());
                out.printf("sweep %s: %s in %.1f s; collect with 'thermolearn sweep collect %s'%n", s.name(), c,
                        (System.nanoTime() - t0) / 1e9, dir.path());
                int done = c.getOrDefault(SweepStatus.State.DONE, 0);
                if (done < dir.tasks().size()) {
                    for (SweepTask t : dir.tasks()) {
                        if (!dir.isDone(t.id())) out.println("  task " + t.index() + " " + t.id() + ": " + SweepStatus.describe(dir, t, Map.of()));
                    }
                    return 1;
                }
                return 0;
            });
        }

        static void resetFailed(SweepDir dir) {
            for (SweepTask t : dir.tasks()) {
                SweepDir.TaskState st = dir.state(t.id());
                if (!dir.isDone(t.id()) && (st.permanent() || st.attempts() >= dir.spec().maxAttempts())) {
                    dir.writeState(t.id(), new SweepDir.TaskState(0, st.lastExit(), "reset by --retry-failed after: " + st.lastReason(), false));
                }
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the state of every task of a sweep.")
    public static class Status implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "sweep directory (<output>/<name>) or the spec file")
        Path dir;

        @Override
        public Integer call() {
            return guarded(() -> {
                SweepDir d = SweepDir.open(dir);
                SlurmExecutor sl = new SlurmExecutor(d, System.out);
                List<String> jobs = sl.jobs();
                Map<Integer, String> q = Map.of();
                if (!jobs.isEmpty()) {
                    try {
                        q = sl.queue(jobs);
                    } catch (SweepException e) {
                        System.out.println("(Slurm queue not available: " + e.getMessage() + ")");
                    }
                }
                System.out.print(SweepStatus.render(d, q));
                if (!jobs.isEmpty()) {
                    Map<Integer, String> fin = Map.of();
                    try {
                        fin = sl.finished(jobs);
                    } catch (SweepException ignored) { }
                    for (SweepTask t : d.tasks()) {
                        String st = fin.get(t.index());
                        if (st != null && !d.isDone(t.id()) && !q.containsKey(t.index()) && !"COMPLETED".equals(st)) {
                            System.out.println("  task " + t.index() + ": Slurm says " + st + "; see " + d.slurmDir().resolve("logs") + " and " + d.logFile(t.id()));
                        }
                    }
                }
                return SweepStatus.counts(d, q).getOrDefault(SweepStatus.State.DONE, 0) == d.tasks().size() ? 0 : 1;
            });
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = "Write <dir>/collected.arrow (one row per task and checkpoint, swept parameters as columns) and figures/.")
    public static class Collect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "sweep directory (<output>/<name>) or the spec file")
        Path dir;

        @Option(names = "--strict", description = "exit 1 when any task is missing")
        boolean strict;

        @Override
        public Integer call() {
            return guarded(() -> {
                SweepDir d = SweepDir.open(dir);
                SweepCollector.Result r = new SweepCollector(d).collect();
                System.out.println("collected " + r.tasks() + " of " + d.tasks().size() + " task(s), " + r.rows() + " row(s), "
                        + r.columns().size() + " column(s) into " + r.file());
                for (Path f : r.figures()) System.out.println("figure " + f);
                if (!r.damaged().isEmpty()) {
                    System.err.println("sweep: " + r.damaged().size() + " done task(s) have damaged records and are NOT in the table:");
                    for (String m : r.damaged()) System.err.println("  " + m);
                }
                if (!r.missing().isEmpty()) {
                    System.out.println("missing " + r.missing().size() + " task(s) (not in the table):");
                    for (String m : r.missing()) System.out.println("  " + m);
                }
                if (!r.damaged().isEmpty()) return org.thermolearn.experiments.cli.ExitCodes.BAD_INPUT;
                return strict && !r.missing().isEmpty() ? 1 : 0;
            });
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Stop a sweep: scancel its Slurm arrays and stop a local 'sweep run'; re-running resumes.")
    public static class Cancel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "sweep directory (<output>/<name>) or the spec file")
        Path dir;

        @Override
        public Integer call() {
            return guarded(() -> {
                SweepDir d = SweepDir.open(dir);
                Files.writeString(d.cancelFile(), "cancelled\n");
                SlurmExecutor sl = new SlurmExecutor(d, System.out);
                if (!sl.jobs().isEmpty()) {
                    List<String> c = sl.cancel();
                    System.out.println(c.isEmpty() ? "no Slurm job of this sweep is queued or running" : "cancelled Slurm job(s) " + c);
                }
                Path pid = d.path().resolve("local.pid");
                if (Files.isRegularFile(pid)) {
                    String p = Files.readString(pid).trim();
                    if (p.matches("[0-9]+")) {
                        var h = ProcessHandle.of(Long.parseLong(p));
                        if (h.isPresent() && h.get().isAlive()) {
                            h.get().destroy();
                            System.out.println("stopped local sweep run (pid " + p + ")");
                        }
                    }
                }
                System.out.println("cancelled; 'sweep run' again resumes unfinished tasks");
                return 0;
            });
        }
    }
}
