package org.thermolearn.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code thermolearn} command line: {@code run}, {@code resume}, {@code fetch-data},
 * {@code inspect}, {@code report}, {@code reproduce}, {@code sweep}, {@code analyse}, {@code export}. Exit codes: 0 success, 1 failure
 * during work, 2 bad input (config, flags, paths) detected before any work starts, 3 a run diverged.
 */
@Command(name = "thermolearn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Train networks as Vanchurin's generalised network on MNIST and record the thermodynamics of learning.",
        subcommands = {RunCommand.class, ResumeCommand.class, FetchDataCommand.class, InspectCommand.class,
                ReportCommand.class, org.thermolearn.experiments.sweep.SweepCommand.class,
                org.thermolearn.experiments.reproduce.ReproduceCommand.class,
                org.thermolearn.experiments.analyse.AnalyseCommand.class, org.thermolearn.experiments.export.ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class ThermoLearnCli implements Runnable {

    public static final int EXIT_FAILURE = ExitCodes.FAILURE;
    public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;
    /** The run diverged (status "failed: diverged at epoch E"); retrying the same config diverges again. */
    public static final int EXIT_DIVERGED = ExitCodes.DIVERGED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured picocli command line with the toolkit's exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ThermoLearnCli());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("thermolearn: " + ExitCodes.message(e));
            if (!ExitCodes.isUserError(e) && System.getenv("THERMOLEARN_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return ExitCodes.of(e);
        });
        // an unknown flag or command: one line naming it and where help is, not the whole usage
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("thermolearn: " + e.getMessage() + "; see `" + c.getCommandSpec().qualifiedName() + " --help`");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /** Set by a sweep executor for its workers: the worker ends when the executor's end of its stdin closes. */
    public static final String PARENT_WATCH_ENV = "THERMOLEARN_PARENT_WATCH";

    /**
     * A sweep worker must not outlive its executor (a {@code kill -9} of {@code sweep run} would leave
     * it writing while the next executor starts another worker on the same task): it reads its stdin,
     * a pipe from the executor, and halts at end of file, which the OS delivers when the executor dies.
     */
    private static void dieWithParent() {
        if (!"1".equals(System.getenv(PARENT_WATCH_ENV))) return;
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // ignore input; wait for end of file
                }
            } catch (java.io.IOException ignored) {
                // a broken pipe means the same
            }
            System.err.println("thermolearn: the sweep executor that started this worker is gone; stopping (resume continues it)");
            Runtime.getRuntime().halt(143);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) {
        org.thermolearn.experiments.figures.ChartStyle.headless();
        // one logging path: netlib's java.util.logging lines go through SLF4J (level set in simplelogger.properties)
        org.thermolearn.experiments.Logging.install();
        dieWithParent();
        CommandLine cl = commandLine();
        System.exit(cl.execute(args));
    }
}
