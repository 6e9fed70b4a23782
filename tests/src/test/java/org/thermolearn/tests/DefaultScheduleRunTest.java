package org.thermolearn.tests;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunReader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that leaves the checkpoint schedule at its default ("log", theory.md §6.2) records epochs 0, 1, 3 and the last. */
@Tag("essential")
class DefaultScheduleRunTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultScheduleRecordsEpochsZeroOneThreeAndTheLast() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path cfg = tmp.resolve("c.yaml");
        Files.writeString(cfg, String.join("\n",
                "architecture: \"64-6-4\"",
                "epochs: 5",
                "trainCount: 64",
                "validationCount: 16",
                "bulkSamples: 8",
                "batchSize: 16",
                "learningRate: 0.1",
                "dataDir: \"" + data + "\"", ""));
        Path run = tmp.resolve("run");
        var r = RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("done", RunStatus.read(run));
        assertTrue(Files.readString(run.resolve("run.json")).contains("\"checkpoints\" : \"log\""), "the default schedule was used");
        MetricsTable m = RunReader.open(run).metrics();
        assertArrayEquals(new double[]{0, 1, 3, 5}, m.column("epoch"), 0.0);
        assertArrayEquals(new long[]{0, 1, 2, 3}, m.longColumn("checkpoint"));
        for (int k = 0; k < 4; k++) assertTrue(Files.exists(run.resolve("checkpoints/ckpt-" + k + ".arrow")), "checkpoint " + k);
        assertTrue(!Files.exists(run.resolve("checkpoints/ckpt-4.arrow")), "no checkpoint beyond the schedule");
    }
}
