package org.thermolearn.experiments.cli;

import org.thermolearn.experiments.run.RunIntegrity;
import org.thermolearn.experiments.run.RunJson;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.record.RunFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks {@code inspect} and {@code report} make before reading a run: it is a run, and its records are sound. */
final class Inspections {

    private Inspections() { }

    /**
     * Throws {@link BadInputException} (exit 2) when {@code dir} is not a run directory or its records
     * are damaged ({@link RunIntegrity}); a run still running is only warned about, since its last
     * batch may be being written.
     */
    static void requireReadableRun(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("run.json")) && !Files.isRegularFile(RunFiles.metrics(dir))) {
            throw new BadInputException(dir + " is not a run directory (no run.json, no metrics.arrow); name a directory made by `thermolearn run`");
        }
        if (!Files.isRegularFile(dir.resolve("run.json"))) return; // bare Arrow files: read as they are
        RunJson.read(dir);
        RunIntegrity i = RunIntegrity.check(dir);
        if (i.sound()) return;
        if (RunStatus.read(dir).startsWith("running")) {
            System.err.println("thermolearn: warning: " + i.describe());
            return;
        }
        throw new BadInputException(i.describe());
    }
}
