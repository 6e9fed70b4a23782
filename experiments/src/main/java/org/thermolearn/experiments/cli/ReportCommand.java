package org.thermolearn.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermolearn report RUN}: (re)draw the figures of a run from its Arrow files. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Draw the figures of a run into RUN/figures (PNG, SVG and PDF).")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory")
    Path run;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist");
        Inspections.requireReadableRun(run);
        for (Path p : Reports.figures(run)) System.out.println(p);
        return 0;
    }
}
