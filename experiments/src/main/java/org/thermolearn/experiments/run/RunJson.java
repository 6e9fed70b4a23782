package org.thermolearn.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a run directory's run.json with one clear message for every way it can be unusable
 * (missing, empty, not JSON, not an object, no "config"), instead of a parser's exception.
 */
public final class RunJson {

    private RunJson() { }

    /** The parsed run.json of {@code dir}; its "config" member is an object. */
    public static JsonNode read(Path dir) throws IOException {
        Path json = dir.resolve(TrainingRun.RUN_JSON);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a directory; name a run directory made by `thermolearn run`");
        }
        if (!Files.isRegularFile(json)) {
            throw new BadInputException(dir + " is not a run directory (no " + TrainingRun.RUN_JSON + "); name a directory made by `thermolearn run`");
        }
        String text = Files.readString(json);
        String damaged = json + " is damaged (";
        String fix = "); the run's configuration is lost: start a new run (its Arrow records, if any, are untouched)";
        if (text.isBlank()) throw new BadInputException(damaged + "empty" + fix);
        JsonNode n;
        try {
            n = ConfigLoader.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(damaged + "not JSON: " + e.getOriginalMessage() + fix);
        }
        if (n == null || !n.isObject()) throw new BadInputException(damaged + "not a JSON object" + fix);
        if (!n.path("config").isObject()) throw new BadInputException(damaged + "no \"config\" object" + fix);
        return n;
    }
}
