package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Scans Arrow IPC stream files message by message and cuts them back to a number of complete
 * record batches. Resume uses it: a run restarted from checkpoint {@code c} keeps exactly the
 * batches of checkpoints {@code 0..c} in {@code metrics.arrow} and {@code spectra.arrow} and appends
 * from there (see {@link ResumePlan}).
 *
 * <p>The stream framing is read directly (continuation marker, little-endian metadata length,
 * flatbuffer {@code Message}, body of {@code bodyLength} bytes; Arrow columnar format, "Encapsulated
 * message format"), so a cut anywhere, even inside a flatbuffer, is detected without decoding data.
 * A rewrite goes through a temporary file in the same directory, {@code fsync} and an atomic move:
 * a crash during repair leaves either the old or the new file, never a mix.
 */
public final class StreamRepair {

    private static final int CONTINUATION = 0xFFFFFFFF;

    private StreamRepair() { }

    /** Reads the message structure of a stream file; never throws for a truncated or garbled tail. */
    public static StreamScan scan(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, ch);
        }
    }

    static StreamScan scan(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        Schema schema = null;
        long schemaEnd = 0;
        long[] ends = new long[16];
        int nb = 0;
        boolean eos = false;
        String problem = null;
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            if (pos == size) break;
            if (size - pos < 4) { problem = "message prefix cut off at byte " + pos; break; }
            head.clear().limit(4);
            readFully(ch, head, pos);
            int first = head.getInt(0);
            int prefix = 4;
            int len = first;
            if (first == CONTINUATION) {
                if (size - pos < 8) { problem = "message length cut off at byte " + pos; break; }
                head.clear().limit(4);
                readFully(ch, head, pos + 4);
                len = head.getInt(0);
                prefix = 8;
            }
            if (len == 0) {
                eos = true;
                pos += prefix;
                if (pos != size) problem = "bytes after the end-of-stream marker at byte " + (pos - prefix);
                break;
            }
            if (len < 0 || pos + prefix + len > size) {
                problem = (len < 0 ? "invalid metadata length " + len : "message metadata cut off") + " at byte " + pos;
                break;
            }
            ByteBuffer meta = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, meta, pos + prefix);
            meta.flip();
            Message msg;
            byte type;
            long body;
            try {
                msg = Message.getRootAsMessage(meta);
                type = msg.headerType();
                body = msg.bodyLength();
            } catch (RuntimeException e) {
                problem = "unreadable message metadata at byte " + pos + " (" + e + ")";
                break;
            }
            if (body < 0 || pos + prefix + len + body > size || body > size) {
                problem = "message body cut off at byte " + pos + " (needs " + body + " bytes)";
                break;
            }
            long end = pos + prefix + len + body;
            if (schema == null) {
                if (type != MessageHeader.Schema) {
                    problem = "first message is not a schema (header type " + type + "): not an Arrow stream";
                    break;
                }
                try {
                    schema = MessageSerializer.deserializeSchema(msg);
                } catch (RuntimeException e) {
                    problem = "unreadable schema message (" + e + ")";
                    break;
                }
                schemaEnd = end;
            } else if (type == MessageHeader.RecordBatch) {
                if (nb == ends.length) ends = java.util.Arrays.copyOf(ends, nb * 2);
                ends[nb++] = end;
            } else {
                problem = "unexpected message (header type " + type + ") at byte " + pos;
                break;
            }
            pos = end;
        }
        // pos is where scanning stopped: the end of the file, just past an end-of-stream marker, or the
        // start of the first incomplete or invalid message (which is the end of the last complete one)
        long trailing = size - pos;
        return new StreamScan(file, size, schema, schemaEnd, java.util.Arrays.copyOf(ends, nb), eos,
                trailing, trailing > 0 ? problem : null);
    }

    /**
     * Rewrites {@code file} atomically so that it holds the schema and exactly its first
     * {@code keepBatches} complete batches, with no end-of-stream marker (ready for appending).
     *
     * @return the scan of the rewritten file
     * @throws IllegalArgumentException if the file has fewer complete batches than asked for
     */
    public static StreamScan truncate(Path file, int keepBatches) throws IOException {
        StreamScan s = scan(file);
        if (s.schema() == null) {
            throw new CorruptRecordFileException(file, "no complete schema message (" + s.tailProblem()
                    + "); the file cannot be resumed, delete it to start the stream anew");
        }
        if (keepBatches > s.batchCount()) {
            throw new IllegalArgumentException(file + " has only " + s.batchCount() + " complete batches, cannot keep "
                    + keepBatches + "; resume from an earlier checkpoint");
        }
        long keep = s.endOfBatches(keepBatches);
        if (keep == s.fileSize()) return s; // already exactly that prefix, nothing to rewrite
        copyPrefixAtomically(file, keep);
        return scan(file);
    }

    /** Keeps every complete batch and drops a truncated tail or an end-of-stream marker. */
    public static StreamScan repair(Path file) throws IOException {
        return truncate(file, scan(file).batchCount());
    }

    static void copyPrefixAtomically(Path file, long length) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".", ".tmp");
        try {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long done = 0;
                while (done < length) {
                    long n = in.transferTo(done, length - done, out);
                    if (n <= 0) throw new IOException(file + ": short read while copying the first " + length + " bytes");
                    done += n;
                }
                out.force(true);
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Atomic replace, then fsync of the directory so the rename itself survives a crash. */
    static void moveAtomically(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically; put the run directory on a local disk", e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    static void fsyncDirectory(Path dir) {
        // Linux allows fsync on a directory opened read-only; other platforms may refuse, which only
        // weakens durability of the directory entry, not correctness of the content.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new IOException("unexpected end of file at byte " + pos);
            pos += n;
        }
    }
}
