package org.thermolearn.experiments.run;

import org.thermolearn.experiments.config.CheckpointSchedule;
import org.thermolearn.thermo.record.BatchSums;
import org.thermolearn.thermo.record.CheckpointStore;
import org.thermolearn.thermo.record.CorruptRecordFileException;
import org.thermolearn.thermo.record.RunFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run's records are sound: every batch of metrics.arrow and spectra.arrow matches its
 * checksum ({@link BatchSums}), every checkpoint file 0..n−1 is there and matches its content
 * checksum, the two streams agree on the number of checkpoints, and a {@code done} run holds every
 * checkpoint its schedule names. Used by resume, inspect, report and sweep collect, so that a
 * damaged record is never read as if it were sound.
 *
 * @param problems        what is damaged or missing, one phrase each (empty when sound)
 * @param lastSound       the last checkpoint up to which everything is sound (−1: none)
 * @param expected        checkpoints the schedule names (0 included)
 */
public record RunIntegrity(Path dir, List<String> problems, long lastSound, int expected) {

    public RunIntegrity {
        problems = List.copyOf(problems);
    }

    public boolean sound() { return problems.isEmpty(); }

    /** Checks {@code dir} (a run directory with a readable run.json). Reads only. */
    public static RunIntegrity check(Path dir) throws IOException {
        var json = RunJson.read(dir);
        var cfg = json.get("config");
        int expected = -1; // only the schedule is needed here, not a valid configuration
        if (cfg.path("checkpoints").isTextual() && cfg.path("epochs").canConvertToInt()) {
            try {
                expected = CheckpointSchedule.parse(cfg.get("checkpoints").asText(), cfg.get("epochs").asInt()).epochs().size(); // epoch 0 included
            } catch (IllegalArgumentException e) {
                expected = -1;
            }
        }
        // a run written by this toolkit version (run.json records its data) always has both streams and
        // every checkpoint file; other directories (older runs, test doubles) are checked for what they hold
        boolean complete = json.path("data").isObject();
        List<String> problems = new ArrayList<>();
        long sound = Long.MAX_VALUE;
        int rows = -1;
        for (Path f : List.of(RunFiles.metrics(dir), RunFiles.spectra(dir))) {
            if (!complete && !Files.exists(f)) continue;
            BatchSums.Verdict v = BatchSums.verify(f);
            if (!v.ok()) problems.add(v.problem());
            sound = Math.min(sound, v.sound());
            rows = rows < 0 ? v.batches() : rows;
            if (f.equals(RunFiles.spectra(dir)) && v.batches() != rows && v.ok()) {
                problems.add("metrics.arrow holds " + rows + " checkpoints but spectra.arrow " + v.batches());
            }
        }
        CheckpointStore store = new CheckpointStore(dir);
        List<Long> present = store.indices();
        long firstBad = Long.MAX_VALUE;
        List<Long> missing = new ArrayList<>();
        for (long k = 0; k < (complete || !present.isEmpty() ? Math.max(rows, 0) : 0); k++) {
            if (!present.contains(k)) {
                missing.add(k);
                firstBad = Math.min(firstBad, k);
                continue;
            }
            try {
                store.read(k);
            } catch (CorruptRecordFileException e) {
                problems.add("checkpoint " + k + " is damaged (" + e.getMessage() + ")");
                firstBad = Math.min(firstBad, k);
            }
        }
        if (!missing.isEmpty()) problems.add("checkpoint file(s) " + missing + " are missing");
        if ("done".equals(RunStatus.read(dir)) && rows >= 0 && rows < expected && problems.isEmpty()) {
            problems.add("the run is marked done but holds " + rows + " of the " + expected + " checkpoints its schedule names");
        }
        long last = Math.min(sound, firstBad) - 1;
        return new RunIntegrity(dir, problems, last, expected);
    }

    /** One line: what is damaged and what can be recovered. */
    public String describe() {
        String recover = lastSound >= 0
                ? "`thermolearn resume " + dir + "` recomputes everything after checkpoint " + lastSound + " (the last sound one), bit-identically"
                : "nothing can be recovered: start the run again";
        return dir + " is damaged: " + String.join("; ", problems) + ". " + recover;
    }

    /** Throws a {@link org.thermolearn.experiments.cli.BadInputException} with {@link #describe()} when damaged. */
    public static void requireSound(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(TrainingRun.RUN_JSON))) return; // not a run: the caller says so
        RunIntegrity i = check(dir);
        if (!i.sound()) throw new org.thermolearn.experiments.cli.BadInputException(i.describe());
    }
}
