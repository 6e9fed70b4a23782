package org.thermolearn.thermo.record;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The message structure of one Arrow IPC stream file as found on disk, without decoding any
 * data: where the schema message ends, where each complete record batch ends, whether a clean
 * end-of-stream marker follows, and how many bytes after the last complete message were ignored
 * (a batch cut off by a killed writer, or garbage).
 *
 * @param file          the scanned file
 * @param fileSize      its size in bytes when scanned
 * @param schema        the stream's schema, or {@code null} if even the schema message is incomplete
 * @param schemaEnd     byte offset just past the schema message (0 if incomplete)
 * @param batchEnds     byte offset just past each complete record batch, in order
 * @param endOfStream   true if a complete end-of-stream marker follows the last batch (clean close)
 * @param trailingBytes bytes after the last complete message that were not part of a valid message
 *                      (0 for a clean or a between-batches stop)
 * @param tailProblem   why scanning stopped early, or {@code null} when {@code trailingBytes == 0}
 */
public record StreamScan(Path file, long fileSize, Schema schema, long schemaEnd, long[] batchEnds,
                         boolean endOfStream, long trailingBytes, String tailProblem) {

    public StreamScan {
        batchEnds = batchEnds.clone();
    }

    /** Number of complete record batches. */
    public int batchCount() { return batchEnds.length; }

    /** True if the file ends with bytes that do not form a complete message (a killed writer). */
    public boolean truncatedTail() { return trailingBytes > 0; }

    /** Byte offset just past the schema and the first {@code k} complete batches. */
    public long endOfBatches(int k) {
        if (k < 0 || k > batchEnds.length) {
            throw new IllegalArgumentException(file + " has " + batchEnds.length + " complete batches; cannot keep " + k);
        }
        return k == 0 ? schemaEnd : batchEnds[k - 1];
    }

    /** Byte offset just past the last complete batch (or the schema if there is none). */
    public long dataEnd() { return endOfBatches(batchEnds.length); }

    /** Schema-level metadata, empty if the schema is missing. */
    public Map<String, String> metadata() {
        return schema == null || schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata();
    }

    @Override
    public long[] batchEnds() { return batchEnds.clone(); }

    @Override
    public String toString() {
        return "StreamScan[" + file + ", " + fileSize + " bytes, " + batchEnds.length + " batches"
                + (endOfStream ? ", closed" : "") + (trailingBytes > 0 ? ", " + trailingBytes + " trailing bytes: " + tailProblem : "")
                + ", ends " + Arrays.toString(batchEnds) + "]";
    }
}
