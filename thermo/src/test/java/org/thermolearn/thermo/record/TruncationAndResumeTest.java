package org.thermolearn.thermo.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruncationAndResumeTest {

    @TempDir
    Path dir;

    /**
     * The bytes of a metrics stream with n batches and no end-of-stream marker (as an older writer
     * killed mid-run left them; the writer now keeps the marker on disk at every moment).
     */
    private byte[] unclosedMetrics(int n) throws IOException {
        Path f = dir.resolve("src-metrics.arrow");
        Files.deleteIfExists(f);
        MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Fixtures.provenance());
        for (int k = 0; k < n; k++) w.append(Fixtures.row(k));
        byte[] b = Files.readAllBytes(f);
        w.close();
        assertTrue(StreamRepair.scan(f).endOfStream(), "the live file is a complete stream");
        return Arrays.copyOf(b, b.length - 8);
    }

    @Test
    void everyFileOnDiskIsACompleteStreamAndEveryBatchIsChecksummed() throws IOException {
        Path f = dir.resolve("live.arrow");
        try (MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Fixtures.provenance())) {
            for (int k = 0; k < 3; k++) {
                w.append(Fixtures.row(k));
                StreamScan s = StreamRepair.scan(f);
                assertTrue(s.endOfStream() && !s.truncatedTail(), "after append " + k);
                assertEquals(k + 1, s.batchCount());
                assertEquals(k + 1, BatchSums.verify(f).sound());
            }
        }
        assertTrue(BatchSums.verify(f).ok());
        byte[] b = Files.readAllBytes(f);
        long[] ends = StreamRepair.scan(f).batchEnds();
        b[(int) ends[1] - 3] ^= 0x01; // one bit in the last bytes of batch 1's body
        Files.write(f, b);
        BatchSums.Verdict v = BatchSums.verify(f);
        assertEquals(1, v.sound());
        assertFalse(v.ok());
        assertTrue(v.problem().contains("batch 1"), v.problem());
    }

    @Test
    void everyCutOfTheLastBatchYieldsTheCompleteBatches() throws IOException {
        byte[] full = unclosedMetrics(4);
        Path f = dir.resolve("cut.arrow");
        Files.write(f, full);
        StreamScan s = StreamRepair.scan(f);
        assertEquals(4, s.batchCount());
        assertFalse(s.endOfStream());
        assertFalse(s.truncatedTail());
        long start = s.endOfBatches(3);
        for (long cut = start; cut <= full.length; cut++) {
            Files.write(f, Arrays.copyOf(full, (int) cut));
            MetricsTable t = RunReader.readMetrics(f);
            int expect = cut == full.length ? 4 : 3;
            assertEquals(expect, t.rowCount(), "cut at " + cut);
            assertEquals(cut != start && cut != full.length, t.truncatedTail(), "cut at " + cut);
            assertEquals(cut == full.length ? 0 : cut - start, t.ignoredBytes(), "cut at " + cut);
            assertArrayEquals(Arrays.copyOf(new long[] {0, 1, 2, 3}, expect), t.longColumn("checkpoint"), "cut at " + cut);
        }
    }

    @Test
    void everyPrefixOfAWholeStreamReadsItsCompleteBatches() throws IOException {
        Path f = dir.resolve("spectra.arrow");
        SpectraWriter w = SpectraWriter.create(f, Map.of());
        for (int k = 0; k < 3; k++) w.append(Fixtures.spectrum(k));
        w.close();
        byte[] full = Files.readAllBytes(f);
        long[] ends = StreamRepair.scan(f).batchEnds();
        // every 11th byte plus the bytes around each message boundary (the last batch is swept
        // byte by byte in the test above); keeps the test fast on a shared 2-core machine
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int cut = 0; cut <= full.length; cut += 11) cuts.add(cut);
        long schemaEnd = StreamRepair.scan(f).schemaEnd();
        for (long b : concat(schemaEnd, ends, full.length)) {
            for (int d = -9; d <= 9; d++) if (b + d >= 0 && b + d <= full.length) cuts.add((int) (b + d));
        }
        for (int cut : cuts) {
            Files.write(f, Arrays.copyOf(full, cut));
            SpectraTable t = RunReader.readSpectra(f);
            int complete = 0;
            while (complete < ends.length && ends[complete] <= cut) complete++;
            assertEquals(complete, t.batches(), "cut at " + cut);
            assertEquals(2 * complete, t.rows().size(), "cut at " + cut);
            for (int k = 0; k < complete; k++) assertEquals(Fixtures.spectrum(k).get(1), t.rows().get(2 * k + 1));
            assertEquals(cut == full.length, t.closed(), "cut at " + cut);
        }
    }

    private static long[] concat(long a, long[] mid, long z) {
        long[] r = new long[mid.length + 2];
        r[0] = a;
        System.arraycopy(mid, 0, r, 1, mid.length);
        r[r.length - 1] = z;
        return r;
    }

    @Test
    void truncateKeepsAPrefixAtomicallyAndAppendingContinues() throws IOException {
        Path f = dir.resolve("m.arrow");
        byte[] full = unclosedMetrics(5);
        Files.write(f, Arrays.copyOf(full, full.length - 7)); // last batch cut off
        assertEquals(4, StreamRepair.scan(f).batchCount());
        assertThrows(IllegalArgumentException.class, () -> StreamRepair.truncate(f, 5));

        try (MetricsWriter w = MetricsWriter.reopen(f, 2)) {
            assertEquals(2, w.rowCount());
            assertEquals(Fixtures.columns(), w.columns());
            for (int k = 2; k < 6; k++) w.append(Fixtures.row(k));
        }
        MetricsTable t = RunReader.readMetrics(f);
        assertEquals(6, t.rowCount());
        assertTrue(t.closed());
        assertFalse(t.truncatedTail());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, t.longColumn("checkpoint"));
        assertEquals(Fixtures.provenance().get("provenance"), t.metadata().get("provenance"));
        // identical bytes to an uninterrupted writer of the same rows
        Path g = dir.resolve("g.arrow");
        try (MetricsWriter w = MetricsWriter.create(g, Fixtures.columns(), Fixtures.provenance())) {
            for (int k = 0; k < 6; k++) w.append(Fixtures.row(k));
        }
        assertArrayEquals(Files.readAllBytes(g), Files.readAllBytes(f));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.filter(p -> !p.toString().endsWith(BatchSums.SUFFIX)).count(), "no temporary files left behind");
        }
    }

    /** Flips one bit of the first weight of block 0 (found by its bits in the file), leaving the file's structure whole. */
    private static void flipFirstWeight(Path file, double w) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] needle = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(w).array();
        for (int i = 0; i + 8 <= b.length; i++) {
            if (Arrays.equals(b, i, i + 8, needle, 0, 8)) {
                b[i + 3] ^= 0x10;
                Files.write(file, b);
                return;
            }
        }
        throw new AssertionError("weight " + w + " not found in " + file);
    }

    @Test
    void resumeReadsInFullOnlyTheCheckpointItResumesFromAndStepsBackPastADamagedOne() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        try (MetricsWriter m = MetricsWriter.create(RunFiles.metrics(dir), Fixtures.columns(), Fixtures.provenance());
             SpectraWriter s = SpectraWriter.create(RunFiles.spectra(dir), Map.of())) {
            for (int k = 0; k < 5; k++) {
                m.append(Fixtures.row(k));
                s.append(Fixtures.spectrum(k));
                store.write(Checkpoint.of(k, Fixtures.network(k)));
            }
        }
        // a caller that verified everything (a damaged done run) bounds the resume point
        ResumePlan bounded = ResumePlan.find(dir, 2).orElseThrow();
        assertEquals(2, bounded.checkpoint().index());
        assertEquals(List.of(store.path(4), store.path(3)), bounded.unusable());
        assertTrue(ResumePlan.find(dir, -1).isEmpty(), "nothing sound: start again");
        // a damaged weight inside checkpoint 1: the structure is whole, so resume does not read it (inspect does)
        flipFirstWeight(store.path(1), Fixtures.network(1).weights().blocks().get(1).w()[0]);
        assertThrows(CorruptRecordFileException.class, () -> store.read(1), "the damage is real");
        assertNull(store.structureProblem(1));
        ResumePlan plan = ResumePlan.find(dir).orElseThrow();
        assertEquals(4, plan.checkpoint().index());
        assertEquals(List.of(), plan.unusable());
        // the checkpoint resumed from is read in full: damaged, resume steps back to 3 and recomputes 4
        flipFirstWeight(store.path(4), Fixtures.network(4).weights().blocks().get(1).w()[0]);
        plan = ResumePlan.find(dir).orElseThrow();
        assertEquals(3, plan.checkpoint().index());
        assertEquals(List.of(store.path(4)), plan.unusable());
        // a checkpoint cut short in the middle is seen by the cheap check: resume from before it
        byte[] c2 = Files.readAllBytes(store.path(2));
        Files.write(store.path(2), Arrays.copyOf(c2, c2.length - 8));
        assertNotNull(store.structureProblem(2));
        plan = ResumePlan.find(dir).orElseThrow();
        assertEquals(0, plan.checkpoint().index(), "checkpoint 1 is read in full once it is the candidate: damaged, so 0");
    }

    @Test
    void resumePlanPicksTheLastCheckpointWithCompleteRecords() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        MetricsWriter m = MetricsWriter.create(RunFiles.metrics(dir), Fixtures.columns(), Fixtures.provenance());
        SpectraWriter s = SpectraWriter.create(RunFiles.spectra(dir), Map.of());
        for (int k = 0; k < 5; k++) {
            m.append(Fixtures.row(k));
            if (k < 4) s.append(Fixtures.spectrum(k)); // killed while writing spectra of checkpoint 4
            store.write(Checkpoint.of(k, Fixtures.network(k)));
        }
        byte[] spectraBytes = Files.readAllBytes(RunFiles.spectra(dir));
        byte[] metricsBytes = Files.readAllBytes(RunFiles.metrics(dir));
        m.close();
        s.close();
        Files.write(RunFiles.metrics(dir), metricsBytes);
        Files.write(RunFiles.spectra(dir), Arrays.copyOf(spectraBytes, spectraBytes.length)); // 4 complete batches
        // checkpoint 3 damaged as well: resume must fall back to 2
        Path c3 = store.path(3);
        byte[] c3b = Files.readAllBytes(c3);
        Files.write(c3, Arrays.copyOf(c3b, c3b.length - 3));

        ResumePlan plan = ResumePlan.find(dir).orElseThrow();
        assertEquals(2, plan.checkpoint().index());
        assertEquals(3, plan.keepBatches());
        assertEquals(3, plan.nextCheckpoint());
        assertEquals(List.of(store.path(4), c3), plan.unusable());
        assertEquals(Fixtures.network(2), plan.checkpoint().network());

        try (MetricsWriter mw = plan.reopenMetrics(); SpectraWriter sw = plan.reopenSpectra()) {
            for (int k = 3; k < 6; k++) {
                mw.append(Fixtures.row(k));
                sw.append(Fixtures.spectrum(k));
                store.write(Checkpoint.of(k, Fixtures.network(k)));
            }
        }
        RunReader r = RunReader.open(dir);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, r.metrics().longColumn("checkpoint"));
        SpectraTable sp = r.spectra();
        assertEquals(6, sp.batches());
        for (int k = 0; k < 6; k++) assertEquals(Fixtures.spectrum(k).get(0), sp.rows(SpectrumRow.ALL).get(k));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), r.checkpoints());
        assertEquals(5, ResumePlan.find(dir).orElseThrow().checkpoint().index());
    }

    @Test
    void noUsableCheckpointMeansStartAfresh() throws IOException {
        assertEquals(Optional.empty(), ResumePlan.find(dir));
        new CheckpointStore(dir).write(Checkpoint.of(0, Fixtures.network(0)));
        assertEquals(Optional.empty(), ResumePlan.find(dir), "checkpoint 0 has no metrics row yet");
    }

    @Test
    void garbageAfterCompleteBatchesIsIgnoredAndReported() throws IOException {
        Path f = dir.resolve("m.arrow");
        byte[] full = unclosedMetrics(2);
        byte[] junk = Arrays.copyOf(full, full.length + 24);
        Arrays.fill(junk, full.length, junk.length, (byte) 0x5a);
        Files.write(f, junk);
        MetricsTable t = RunReader.readMetrics(f);
        assertEquals(2, t.rowCount());
        assertTrue(t.truncatedTail());
        assertEquals(24, t.ignoredBytes());
        StreamScan repaired = StreamRepair.repair(f);
        assertEquals(full.length, repaired.fileSize());
        assertFalse(repaired.truncatedTail());
    }
}
