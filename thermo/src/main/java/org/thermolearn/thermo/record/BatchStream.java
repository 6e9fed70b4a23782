package org.thermolearn.thermo.record;

import java.io.IOException;
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
 * The durable core shared by the metrics and spectra writers: an Arrow IPC stream file written
 * message by message straight to a {@link FileChannel}, with {@code force} after every batch.
 * Writing the messages ourselves (rather than through {@link ArrowStreamWriter}) lets a resumed
 * run continue an existing stream after its last complete batch without writing a second schema.
 */
final class BatchStream implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final WriteChannel out;
    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private long batches;
    private long goodPosition;
    private boolean closed;

    private BatchStream(Path path, FileChannel channel, Schema schema, long batches) throws IOException {
        this.path = path;
        this.channel = channel;
        this.out = new WriteChannel(channel);
        this.allocator = new RootAllocator();
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.batches = batches;
        this.goodPosition = channel.position();
    }

    /** Creates a new stream file (refusing to overwrite one) and durably writes its schema. */
    static BatchStream create(Path path, Schema schema) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "already exists; reopen it to resume the run, or write to a new run directory");
        }
        try {
            MessageSerializer.serialize(new WriteChannel(ch), schema, IpcOption.DEFAULT);
            ch.force(true);
            if (dir != null) StreamRepair.fsyncDirectory(dir);
            return new BatchStream(path, ch, schema, 0);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Cuts an existing stream back to its first {@code keepBatches} complete batches (atomically,
     * {@link StreamRepair#truncate}) and opens it for appending after them.
     */
    static BatchStream reopen(Path path, int keepBatches) throws IOException {
        StreamScan s = StreamRepair.truncate(path, keepBatches);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            ch.position(s.dataEnd());
            return new BatchStream(path, ch, s.schema(), keepBatches);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() { return path; }

    /** The root to fill before {@link #writeBatch()}. */
    VectorSchemaRoot root() { return root; }

    Schema schema() { return root.getSchema(); }

    /** Number of batches in the file, including those kept from before a reopen. */
    long batches() { return batches; }

    /**
     * Writes the root's current content as one record batch and returns only once it is on disk.
     * A failed write is cut back off the file so that the stream stays valid.
     */
    void writeBatch() throws IOException {
        if (closed) throw new IllegalStateException(path + " is closed");
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            MessageSerializer.serialize(out, batch, IpcOption.DEFAULT);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(goodPosition);
                channel.position(goodPosition);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        goodPosition = channel.position();
        batches++;
    }

    /** Writes the end-of-stream marker and releases the file and Arrow memory. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
            channel.force(false);
        } finally {
            try {
                channel.close();
            } finally {
                root.close();
                allocator.close();
            }
        }
    }
}
