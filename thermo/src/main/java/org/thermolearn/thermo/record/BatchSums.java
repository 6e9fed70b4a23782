package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A checksum for every message of a record stream, in a text sidecar {@code <file>.crc32c} next to
 * it: one line {@code schema|batch <end offset> <crc32c hex>} per message, rewritten atomically
 * after every batch (see {@link BatchStream}). {@link #verify} says how many leading batches are
 * sound: present, complete and with a matching checksum. A batch written just before a kill, whose
 * sum line was not yet written, counts as not sound (a resume recomputes it); a stream without a
 * sidecar (written before checksums existed) is reported as unchecked.
 */
public final class BatchSums {

    /** Suffix of the sidecar file. */
    public static final String SUFFIX = ".crc32c";

    private BatchSums() { }

    /** The sidecar of {@code stream}. */
    public static Path sidecar(Path stream) {
        return stream.resolveSibling(stream.getFileName() + SUFFIX);
    }

    /**
     * The verdict on one stream file.
     *
     * @param sound   leading batches that are complete and match their checksums
     * @param batches complete batches in the file
     * @param checked false when the stream has no sidecar (nothing could be verified)
     * @param problem what is wrong, or null when every batch is sound
     */
    public record Verdict(Path file, int sound, int batches, boolean checked, String problem) {
        public boolean ok() { return problem == null; }
    }

    /** Writes the sidecar for the stream as it is now on disk (atomically). */
    static void write(Path stream) throws IOException {
        StreamScan s = StreamRepair.scan(stream);
        StringBuilder b = new StringBuilder();
        try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
            b.append("schema ").append(s.schemaEnd()).append(' ').append(crc(ch, 0, s.schemaEnd())).append('\n');
            long from = s.schemaEnd();
            for (long end : s.batchEnds()) {
                b.append("batch ").append(end).append(' ').append(crc(ch, from, end)).append('\n');
                from = end;
            }
        }
        Path side = sidecar(stream);
        Path tmp = side.resolveSibling(side.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) out.write(buf);
                out.force(true);
            }
            StreamRepair.moveAtomically(tmp, side);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks every batch of {@code stream} against its sidecar. */
    public static Verdict verify(Path stream) throws IOException {
        String name = stream.getFileName().toString();
        if (!Files.isRegularFile(stream)) return new Verdict(stream, 0, 0, false, name + " is missing");
        StreamScan s = StreamRepair.scan(stream);
        int n = s.batchCount();
        String tail = s.truncatedTail() ? name + " is cut off or damaged after batch " + n + " (" + s.tailProblem() + ")" : null;
        if (s.schema() == null) return new Verdict(stream, 0, 0, true, name + " has no readable schema (" + s.tailProblem() + ")");
        Path side = sidecar(stream);
        if (!Files.isRegularFile(side)) return new Verdict(stream, n, n, false, tail);
        List<long[]> ends = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        for (String line : Files.readAllLines(side, StandardCharsets.US_ASCII)) {
            String[] p = line.trim().split(" ");
            if (p.length != 3) continue;
            try {
                ends.add(new long[] {Long.parseLong(p[1])});
                sums.add(p[2]);
            } catch (NumberFormatException e) {
                return new Verdict(stream, 0, n, true, side.getFileName() + " is damaged (line '" + line + "')");
            }
        }
        try (FileChannel ch = FileChannel.open(stream, StandardOpenOption.READ)) {
            if (ends.isEmpty() || ends.get(0)[0] != s.schemaEnd() || !sums.get(0).equals(crc(ch, 0, s.schemaEnd()))) {
                return new Verdict(stream, 0, n, true, name + ": the schema does not match its checksum (damaged)");
            }
            long from = s.schemaEnd();
            long[] be = s.batchEnds();
            for (int k = 0; k < n; k++) {
                if (k + 1 >= ends.size()) {
                    return new Verdict(stream, k, n, true, name + ": batch " + k + " has no checksum (written just before the run stopped)");
                }
                if (ends.get(k + 1)[0] != be[k] || !sums.get(k + 1).equals(crc(ch, from, be[k]))) {
                    return new Verdict(stream, k, n, true, name + ": batch " + k + " does not match its checksum (damaged)");
                }
                from = be[k];
            }
            if (ends.size() - 1 > n) {
                return new Verdict(stream, n, n, true, name + " holds " + n + " complete batches but " + (ends.size() - 1)
                        + " were written (cut off or damaged after batch " + (n - 1) + ")");
            }
        }
        return new Verdict(stream, n, n, true, tail);
    }

    private static String crc(FileChannel ch, long from, long to) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = from;
        while (pos < to) {
            buf.clear().limit((int) Math.min(buf.capacity(), to - pos));
            int r = ch.read(buf, pos);
            if (r < 0) break;
            buf.flip();
            c.update(buf);
            pos += r;
        }
        return HexFormat.of().toHexDigits((int) c.getValue());
    }
}
