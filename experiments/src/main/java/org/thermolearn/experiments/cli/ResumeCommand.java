package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.figures.LiveFigures;
import org.thermolearn.experiments.run.RunListener;

import org.thermolearn.experiments.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermolearn resume RUN}: continue a killed or failed run from its last complete checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its last complete checkpoint; later records are bit-identical to an uninterrupted run.")
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory")
    Path run;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist; give the directory `thermolearn run` created");
        try (ConsoleListener out = ConsoleListener.create()) {
            LiveFigures live = new LiveFigures();
            TrainingRun.Outcome o = TrainingRun.open(run, RunListener.both(out, live)).resume();
            out.info(live.report());
            Reports.afterRun(run, out);
            return o == TrainingRun.Outcome.DIVERGED ? ThermoLearnCli.EXIT_DIVERGED : 0;
        }
    }
}
