package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a killed run continues. Checkpoint index k, row k of {@code metrics.arrow} and batch k of
 * {@code spectra.arrow} describe the same checkpoint. The run resumes from the latest checkpoint
 * R whose file reads back intact and whose metrics row and spectra batch are both complete and
 * match their checksums; the
 * streams are cut back to R + 1 batches (later or half-written ones are recomputed by the resumed
 * training, which is deterministic for the seed) and appending continues after them.
 *
 * <p>Use: {@code ResumePlan.find(dir)}; if present, restore the trainer from {@link #checkpoint()},
 * open the writers with {@link #reopenMetrics()} and {@link #reopenSpectra()}, and continue with
 * checkpoint index R + 1. If absent, start the run from scratch.
 *
 * @param runDir      the run directory
 * @param checkpoint  the checkpoint R to resume from, already read back
 * @param keepBatches R + 1: batches kept in each stream
 * @param unusable    checkpoint files later than R that are ignored (corrupt, or without a complete
 *                    metrics row or spectra batch); they are overwritten when training reaches them
 */
public record ResumePlan(Path runDir, Checkpoint checkpoint, int keepBatches, List<Path> unusable) {

    public ResumePlan {
        unusable = List.copyOf(unusable);
    }

    /**
     * The resume point of {@code runDir}, or empty if no checkpoint is usable. Reads only. What resume
     * needs is verified in full: the stream batches against their checksums, and the checkpoint R
     * (read back, content checksum included). Checkpoints 0..R−1 get only the cheap checks (present,
     * whole file, {@link CheckpointStore#structureProblem}), so resuming costs one checkpoint read
     * whatever the width and the number of checkpoints; damage inside an earlier checkpoint's weights
     * is named by {@code inspect}, {@code report} and {@code sweep collect} (which verify everything)
     * and repaired by resuming the run after that.
     */
    public static Optional<ResumePlan> find(Path runDir) throws IOException {
        return find(runDir, Long.MAX_VALUE);
    }

    /**
     * As {@link #find(Path)}, resuming from checkpoint {@code atMost} or earlier: the caller verified
     * every checkpoint (a damaged {@code done} run) and knows the last sound one.
     */
    public static Optional<ResumePlan> find(Path runDir, long atMost) throws IOException {
        long limit = atMost == Long.MAX_VALUE ? Long.MAX_VALUE : atMost + 1;
        Path m = RunFiles.metrics(runDir), s = RunFiles.spectra(runDir);
        // only batches that match their checksums count (BatchSums); a damaged one is recomputed
        if (Files.exists(m)) limit = Math.min(limit, BatchSums.verify(m).sound());
        else limit = 0;
        if (Files.exists(s)) limit = Math.min(limit, BatchSums.verify(s).sound());
        else limit = 0; // a checkpoint without its spectra batch cannot be resumed from
        CheckpointStore store = new CheckpointStore(runDir);
        List<Long> idx = store.indices();
        // a missing checkpoint file (deleted) is recomputed too: resume from before the first gap
        for (int i = 0; i < idx.size(); i++) {
            if (idx.get(i) != i) {
                limit = Math.min(limit, i);
                break;
            }
        }
        // the cheap structural check (headers only) for every checkpoint up to the limit: a cut or misplaced
        // file in the middle is recomputed too, so the run resumes from before the first such one
        for (long k : idx) {
            if (k < limit && store.structureProblem(k) != null) limit = k;
        }
        // the full read (content checksum) only for the checkpoint resumed from, stepping back past damaged ones
        Checkpoint best = null;
        for (long k = Math.min(limit, idx.size()) - 1; k >= 0 && best == null; k--) {
            try {
                best = store.read(k);
            } catch (CorruptRecordFileException e) {
                limit = k;
            }
        }
        List<Path> unusable = new ArrayList<>();
        for (long k : idx) if (k >= limit || best != null && k > best.index()) unusable.add(store.path(k));
        java.util.Collections.reverse(unusable); // latest first, as before
        if (best != null) return Optional.of(new ResumePlan(runDir, best, Math.toIntExact(best.index() + 1), unusable));
        return Optional.empty();
    }

    /** Cuts {@code metrics.arrow} to {@link #keepBatches()} rows and opens it for appending. */
    public MetricsWriter reopenMetrics() throws IOException {
        return MetricsWriter.reopen(RunFiles.metrics(runDir), keepBatches);
    }

    /** Cuts {@code spectra.arrow} to {@link #keepBatches()} batches and opens it for appending. */
    public SpectraWriter reopenSpectra() throws IOException {
        return SpectraWriter.reopen(RunFiles.spectra(runDir), keepBatches);
    }

    /** The index the resumed run records next. */
    public long nextCheckpoint() { return checkpoint.index() + 1; }
}
