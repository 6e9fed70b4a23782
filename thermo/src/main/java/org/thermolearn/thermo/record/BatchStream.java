package org.thermolearn.thermo.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The durable core shared by the metrics and spectra writers: an Arrow IPC stream file that is a
 * complete stream (schema, whole batches, end-of-stream marker) at every moment. Each batch is
 * added by writing the kept prefix, the new batch and the end-of-stream marker to a temporary
 * file, {@code fsync}, and an atomic rename over the old file — so a reader polling a live run
 * (pyarrow, polars, apache-arrow JS) never meets a torn batch, and a kill leaves the old or the new
 * file. Writing the messages ourselves (rather than through {@link ArrowStreamWriter}) lets a
 * resumed run continue an existing stream after its last complete batch without a second schema.
 * When {@code checksummed}, the {@link BatchSums} sidecar is rewritten after every batch.
 */
final class BatchStream implements AutoCloseable {

    private static final byte[] EOS = endOfStream();

    private final Path path;
    private final boolean checksummed;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private long batches;
    /** Bytes of the schema and the complete batches (the file is these plus the end-of-stream marker once {@link #eosOnDisk}). */
    private long goodPosition;
    private boolean eosOnDisk;
    private boolean closed;

    private BatchStream(Path path, Schema schema, long batches, long goodPosition, boolean eosOnDisk, boolean checksummed) {
        this.path = path;
        this.checksummed = checksummed;
        this.allocator = new RootAllocator();
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.batches = batches;
        this.goodPosition = goodPosition;
        this.eosOnDisk = eosOnDisk;
    }

    /** Creates a new stream file (refusing to overwrite one) and durably writes its schema and the end-of-stream marker. */
    static BatchStream create(Path path, Schema schema) throws IOException {
        return create(path, schema, true);
    }

    static BatchStream create(Path path, Schema schema, boolean checksummed) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        if (Files.exists(path)) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "already exists; reopen it to resume the run, or write to a new run directory");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(b)), schema, IpcOption.DEFAULT);
        byte[] head = b.toByteArray();
        replace(path, null, 0, head);
        BatchStream s = new BatchStream(path, schema, 0, head.length, true, checksummed);
        if (checksummed) BatchSums.write(path);
        return s;
    }

    /**
     * Cuts an existing stream back to its first {@code keepBatches} complete batches (atomically,
     * {@link StreamRepair#truncate}, then with the end-of-stream marker) and opens it for appending after them.
     */
    static BatchStream reopen(Path path, int keepBatches) throws IOException {
        StreamScan s = StreamRepair.truncate(path, keepBatches);
        BatchStream st = new BatchStream(path, s.schema(), keepBatches, s.dataEnd(), s.endOfStream() && !s.truncatedTail(), true);
        if (!st.eosOnDisk) {
            replace(path, path, st.goodPosition, new byte[0]);
            st.eosOnDisk = true;
        }
        BatchSums.write(path);
        return st;
    }

    Path path() { return path; }

    /** The root to fill before {@link #writeBatch()}. */
    VectorSchemaRoot root() { return root; }

    Schema schema() { return root.getSchema(); }

    /** Number of batches in the file, including those kept from before a reopen. */
    long batches() { return batches; }

    /**
     * Writes the root's current content as one more record batch and returns only once the new
     * complete file is on disk. A failed write leaves the old file in place.
     */
    void writeBatch() throws IOException {
        if (closed) throw new IllegalStateException(path + " is closed");
        byte[] body;
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(b)), batch, IpcOption.DEFAULT);
            body = b.toByteArray();
        }
        replace(path, path, goodPosition, body);
        goodPosition += body.length;
        eosOnDisk = true;
        batches++;
        if (checksummed) BatchSums.write(path);
    }

    /**
     * Atomically replaces {@code target} by the first {@code keep} bytes of {@code source} (may be
     * null when {@code keep} is 0), then {@code tail}, then the end-of-stream marker.
     */
    private static void replace(Path target, Path source, long keep, byte[] tail) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (keep > 0) {
                    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                        long done = 0;
                        while (done < keep) {
                            long n = in.transferTo(done, keep - done, out);
                            if (n <= 0) throw new IOException(source + ": short read while copying its first " + keep + " bytes");
                            done += n;
                        }
                    }
                }
                writeFully(out, tail);
                writeFully(out, EOS);
                out.force(true);
            }
            StreamRepair.moveAtomically(tmp, target);
        } catch (IOException e) {
            if (e.getMessage() != null && !e.getMessage().contains(target.toString())) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel out, byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) out.write(buf);
    }

    private static byte[] endOfStream() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ArrowStreamWriter.writeEndOfStream(new WriteChannel(Channels.newChannel(b)), IpcOption.DEFAULT);
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the Arrow memory; the file on disk is already complete. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (!eosOnDisk) replace(path, path, goodPosition, new byte[0]);
        } finally {
            root.close();
            allocator.close();
        }
    }
}
