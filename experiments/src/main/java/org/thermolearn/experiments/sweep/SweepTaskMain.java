package org.thermolearn.experiments.sweep;

import java.nio.file.Path;

/**
 * Entry point of one Slurm array element: {@code SweepTaskMain <sweepDir> <taskId>}. Runs the task
 * with {@link TaskRunner} (skip if done, resume, retry) using this JVM's class path and java.
 * Exit code 0 when the task is done, 3 when another worker holds it, 1 otherwise.
 */
public final class SweepTaskMain {
    private SweepTaskMain() { }

    public static void main(String[] args) {
        org.thermolearn.experiments.Logging.install();
        if (args.length != 2 || !SweepTask.ID.matcher(args[1]).matches()) {
            System.err.println("usage: SweepTaskMain <sweepDir> <taskId (12 hex digits)>");
            System.exit(2);
        }
        SweepDir sweep = SweepDir.open(Path.of(args[0]));
        SweepTask task = sweep.task(args[1]);
        String env = System.getenv("SLURM_CPUS_PER_TASK");
        int threads = env != null && env.matches("[0-9]+") ? Integer.parseInt(env) : sweep.spec().slurm().cpusPerTask();
        TaskRunner runner = TaskRunner.forCurrentJvm(sweep, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::cancel));
        TaskRunner.Outcome o = runner.run(task);
        System.out.println("task " + task.index() + " " + task.id() + ": " + o.name().toLowerCase()
                + (o == TaskRunner.Outcome.FAILED || o == TaskRunner.Outcome.GAVE_UP ? " (" + sweep.state(task.id()).lastReason() + ")" : ""));
        System.exit(switch (o) {
            case DONE, ALREADY_DONE -> 0;
            case BUSY -> 3;
            default -> 1;
        });
    }
}
