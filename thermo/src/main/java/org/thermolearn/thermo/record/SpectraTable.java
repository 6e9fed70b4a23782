package org.thermolearn.thermo.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The complete batches of a {@code spectra.arrow} file.
 *
 * @param file          the file read
 * @param metadata      schema-level metadata
 * @param rows          every row of every complete batch, in file order
 * @param batches       number of complete batches (checkpoints)
 * @param truncatedTail true if bytes after the last complete batch were ignored (a killed writer)
 * @param ignoredBytes  how many bytes were ignored
 * @param closed        true if the writer closed the file cleanly
 */
public record SpectraTable(Path file, Map<String, String> metadata, List<SpectrumRow> rows, int batches,
                           boolean truncatedTail, long ignoredBytes, boolean closed) {

    public SpectraTable {
        metadata = Map.copyOf(metadata);
        rows = List.copyOf(rows);
    }

    /** The rows of one integration space, in checkpoint order. */
    public List<SpectrumRow> rows(String space) {
        List<SpectrumRow> r = new ArrayList<>();
        for (SpectrumRow s : rows) if (s.space().equals(space)) r.add(s);
        return r;
    }
}
