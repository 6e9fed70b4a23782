package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Decodes the complete batches of a stream file into plain Java values, column by column:
 * float64 → Double, int64/int32 → Long, utf8 → String, list&lt;float64&gt; → double[],
 * list&lt;int64&gt; → long[], null → null. Only the bytes up to the last complete batch are handed
 * to Arrow's reader, so a half-written tail never reaches it.
 */
final class StreamTables {

    /** Decoded columns (each of length {@code rows}) and the row count of each batch. */
    record Decoded(List<String> names, List<List<Object>> columns, List<Integer> batchRows) {
        int rows() { return columns.isEmpty() ? 0 : columns.get(0).size(); }

        List<Object> column(String name) {
            int i = names.indexOf(name);
            if (i < 0) throw new IllegalArgumentException("no column '" + name + "'; columns are " + names);
            return columns.get(i);
        }
    }

    private StreamTables() { }

    static Decoded decode(StreamScan scan) throws IOException {
        Path file = scan.file();
        List<String> names = new ArrayList<>();
        List<List<Object>> cols = new ArrayList<>();
        List<Integer> batchRows = new ArrayList<>();
        if (scan.schema() == null) return new Decoded(names, cols, batchRows);
        scan.schema().getFields().forEach(f -> { names.add(f.getName()); cols.add(new ArrayList<>()); });
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator alloc = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new Bounded(ch, scan.dataEnd()), alloc)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int b = 0;
            while (b < scan.batchCount()) {
                if (!reader.loadNextBatch()) {
                    throw new CorruptRecordFileException(file, "Arrow's reader stopped after " + b + " of " + scan.batchCount() + " batches");
                }
                int n = root.getRowCount();
                List<FieldVector> vecs = root.getFieldVectors();
                for (int c = 0; c < vecs.size(); c++) {
                    FieldVector v = vecs.get(c);
                    List<Object> out = cols.get(c);
                    for (int r = 0; r < n; r++) out.add(value(file, v, r));
                }
                batchRows.add(n);
                b++;
            }
        } catch (CorruptRecordFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptRecordFileException(file, "record batch data are unreadable (" + e.getMessage()
                    + "); the file is damaged, not just cut off", e);
        }
        return new Decoded(names, cols, batchRows);
    }

    private static Object value(Path file, FieldVector v, int r) throws CorruptRecordFileException {
        if (v.isNull(r)) return null;
        if (v instanceof Float8Vector f) return f.get(r);
        if (v instanceof BigIntVector l) return l.get(r);
        if (v instanceof IntVector i) return (long) i.get(r);
        if (v instanceof VarCharVector s) return new String(s.get(r), StandardCharsets.UTF_8);
        if (v instanceof ListVector lv) {
            int from = lv.getElementStartIndex(r), to = lv.getElementEndIndex(r);
            if (lv.getDataVector() instanceof Float8Vector d) {
                double[] a = new double[to - from];
                for (int k = from; k < to; k++) a[k - from] = d.get(k);
                return a;
            }
            if (lv.getDataVector() instanceof BigIntVector d) {
                long[] a = new long[to - from];
                for (int k = from; k < to; k++) a[k - from] = d.get(k);
                return a;
            }
        }
        throw new CorruptRecordFileException(file, "column '" + v.getName() + "' has unsupported type " + v.getField().getType());
    }

    /** A read-only view of the first {@code limit} bytes of a file channel. */
    private static final class Bounded implements ReadableByteChannel {
        private final FileChannel ch;
        private final long limit;
        private long pos;
        private boolean open = true;

        Bounded(FileChannel ch, long limit) { this.ch = ch; this.limit = limit; }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pos >= limit) return -1;
            int want = (int) Math.min(dst.remaining(), limit - pos);
            ByteBuffer view = dst.duplicate();
            view.limit(view.position() + want);
            int n = ch.read(view, pos);
            if (n < 0) return -1;
            dst.position(dst.position() + n);
            pos += n;
            return n;
        }

        @Override
        public boolean isOpen() { return open; }

        @Override
        public void close() { open = false; }
    }
}
