package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code thermolearn} command line: {@code run}, {@code resume}, {@code fetch-data},
 * {@code inspect}, {@code report}, {@code export}, {@code reproduce}, {@code sweep}. Exit codes: 0 success, 1 failure
 * during work, 2 bad input (config, flags, paths) detected before any work starts, 3 a run diverged.
 */
@Command(name = "thermolearn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Train networks as Vanchurin's generalised network on MNIST and record the thermodynamics of learning.",
        subcommands = {RunCommand.class, ResumeCommand.class, FetchDataCommand.class, InspectCommand.class,
                ReportCommand.class, org.thermolearn.experiments.export.ExportCommand.class, org.thermolearn.experiments.sweep.SweepCommand.class,
                org.thermolearn.experiments.reproduce.ReproduceCommand.class, CommandLine.HelpCommand.class})
public final class ThermoLearnCli implements Runnable {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** The run diverged (status "failed: diverged at epoch E"); retrying the same config diverges again. */
    public static final int EXIT_DIVERGED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured picocli command line with the toolkit's exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ThermoLearnCli());
        cl.setExitCodeExceptionMapper(e -> e instanceof ConfigException || e instanceof BadInputException ? EXIT_BAD_INPUT : EXIT_FAILURE);
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigException || e instanceof BadInputException || e instanceof org.thermolearn.core.data.DataException) {
                cmd.getErr().println("thermolearn: " + e.getMessage());
            } else {
                cmd.getErr().println("thermolearn: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                if (System.getenv("THERMOLEARN_DEBUG") != null) e.printStackTrace(cmd.getErr());
            }
            return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cl;
    }

    public static void main(String[] args) {
        org.thermolearn.experiments.figures.ChartStyle.headless();
        // one logging path: netlib's java.util.logging lines go through SLF4J (level set in simplelogger.properties)
        org.thermolearn.experiments.Logging.install();
        CommandLine cl = commandLine();
        System.exit(cl.execute(args));
    }
}
