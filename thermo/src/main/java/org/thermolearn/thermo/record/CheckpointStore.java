package org.thermolearn.thermo.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

/**
 * Network snapshots of a run, one Arrow stream file per checkpoint,
 * {@code checkpoints/ckpt-<index>.arrow}, written atomically (temporary file, {@code fsync},
 * atomic rename, directory {@code fsync}) and read back bit for bit.
 *
 * <p>File layout: one record batch with one row per array. Columns {@code kind} utf8
 * ("block" | "bias" | "array" | "longs"), {@code name} utf8, {@code from}, {@code to}, {@code rows},
 * {@code cols} int64 (−1 where not a block), {@code f64} list&lt;float64&gt;, {@code i64}
 * list&lt;int64&gt; (empty where unused). Blocks are row-major, rows = receivers (as {@link Block}).
 * Schema metadata: {@code layout} ("784-100-10"), {@code hidden_activation},
 * {@code output_activation}, {@code checkpoint_index}, and each attribute as {@code attr.<key>}.
 */
public final class CheckpointStore {

    /** The {@value RunFiles#KIND_KEY} of a checkpoint file. */
    public static final String KIND = "checkpoint";

    private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)\\.arrow");
    private static final String ATTR = "attr.";
    /** Schema metadata key of the CRC-32C over the checkpoint's content ({@link #contentSum}). */
    static final String CONTENT_SUM = "content_crc32c";

    private static final Schema FIELDS_ONLY = new Schema(List.of(
            Field.notNullable("kind", ArrowType.Utf8.INSTANCE),
            Field.notNullable("name", ArrowType.Utf8.INSTANCE),
            Field.notNullable("from", new ArrowType.Int(64, true)),
            Field.notNullable("to", new ArrowType.Int(64, true)),
            Field.notNullable("rows", new ArrowType.Int(64, true)),
            Field.notNullable("cols", new ArrowType.Int(64, true)),
            new Field("f64", FieldType.notNullable(ArrowType.List.INSTANCE),
                    List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))),
            new Field("i64", FieldType.notNullable(ArrowType.List.INSTANCE),
                    List.of(new Field("item", FieldType.notNullable(new ArrowType.Int(64, true)), null)))));

    private final Path runDir;

    /** The checkpoints of the run directory {@code runDir} (the sub-directory need not exist yet). */
    public CheckpointStore(Path runDir) { this.runDir = runDir; }

    /** The file of checkpoint {@code index}. */
    public Path path(long index) { return RunFiles.checkpoint(runDir, index); }

    /** Indices of the checkpoint files present, ascending (temporary files are ignored). */
    public List<Long> indices() throws IOException {
        Path dir = RunFiles.checkpointDir(runDir);
        List<Long> r = new ArrayList<>();
        if (!Files.isDirectory(dir)) return r;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) r.add(Long.parseLong(m.group(1)));
            }
        }
        Collections.sort(r);
        return r;
    }

    /** Writes the checkpoint atomically, replacing a file of the same index; returns its path. */
    public Path write(Checkpoint c) throws IOException {
        Path target = path(c.index());
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            writeTo(tmp, c);
            StreamRepair.moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Reads checkpoint {@code index}. */
    public Checkpoint read(long index) throws IOException {
        Path p = path(index);
        if (!Files.exists(p)) throw new java.nio.file.NoSuchFileException(p.toString(), null, "no checkpoint " + index + "; present: " + indices());
        Checkpoint c = read(p);
        if (c.index() != index) throw new CorruptRecordFileException(p, "holds checkpoint " + c.index() + ", not " + index);
        return c;
    }

    /**
     * The cheap check of checkpoint {@code index}: its structure alone (message headers, never the
     * weights), so it costs the same for any width. Null when the file is one schema naming this
     * index, one complete batch and the end-of-stream marker — what a cut, truncated, emptied or
     * misplaced file fails; a flipped or zeroed byte inside the weights passes and is found only by
     * {@link #read(long)} (its content checksum).
     */
    public String structureProblem(long index) throws IOException {
        Path p = path(index);
        if (!Files.isRegularFile(p)) return "checkpoint " + index + " is missing";
        StreamScan s = StreamRepair.scan(p);
        if (s.schema() == null || s.batchCount() != 1 || !s.endOfStream() || s.tailProblem() != null) {
            return "checkpoint " + index + " is not a whole checkpoint file (" + s.batchCount() + " batch(es)"
                    + (s.endOfStream() ? "" : ", no end-of-stream marker") + (s.tailProblem() == null ? "" : ", " + s.tailProblem()) + ")";
        }
        String k = s.schema().getCustomMetadata().get("checkpoint_index");
        if (!Long.toString(index).equals(k)) return "checkpoint file " + p.getFileName() + " holds checkpoint " + k + ", not " + index;
        return null;
    }

    private static void writeTo(Path file, Checkpoint c) throws IOException {
        Network net = c.network();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("layout", net.layout().toString());
        meta.put("hidden_activation", net.hiddenActivation().name());
        meta.put("output_activation", net.outputActivation().name());
        meta.put("checkpoint_index", Long.toString(c.index()));
        c.attributes().forEach((k, v) -> meta.put(ATTR + k, v));
        meta.put(CONTENT_SUM, contentSum(c));

        List<Block> blocks = net.weights().blocks();
        int rows = blocks.size() + 1 + c.arrays().size() + c.longArrays().size();
        long doubles = net.bias().length, longs = 0;
        for (Block b : blocks) doubles += b.w().length;
        for (double[] a : c.arrays().values()) doubles += a.length;
        for (long[] a : c.longArrays().values()) longs += a.length;
        if (doubles > Integer.MAX_VALUE - 8 || longs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("checkpoint " + c.index() + " holds " + doubles + " doubles, more than one Arrow batch can list");
        }
        try (BatchStream s = BatchStream.create(file, new Schema(FIELDS_ONLY.getFields(), RunFiles.withKind(KIND, meta)), false)) {
            VectorSchemaRoot root = s.root();
            root.allocateNew();
            RowWriter w = new RowWriter(root);
            for (Block b : blocks) w.add("block", b.from() + "->" + b.to(), b.from(), b.to(), b.rows(), b.cols(), b.w(), null);
            w.add("bias", "bias", -1, -1, -1, -1, net.bias(), null);
            c.arrays().forEach((k, v) -> w.add("array", k, -1, -1, -1, -1, v, null));
            c.longArrays().forEach((k, v) -> w.add("longs", k, -1, -1, -1, -1, null, v));
            w.finish();
            if (w.row != rows) throw new IllegalStateException("wrote " + w.row + " rows, expected " + rows);
            s.writeBatch();
        }
    }

    /** Fills the checkpoint columns row by row. */
    private static final class RowWriter {
        final VarCharVector kind, name;
        final BigIntVector from, to, rows, cols;
        final ListVector f64, i64;
        final Float8Vector d;
        final BigIntVector l;
        final VectorSchemaRoot root;
        int row, nd, nl;

        RowWriter(VectorSchemaRoot root) {
            this.root = root;
            kind = (VarCharVector) root.getVector("kind");
            name = (VarCharVector) root.getVector("name");
            from = (BigIntVector) root.getVector("from");
            to = (BigIntVector) root.getVector("to");
            rows = (BigIntVector) root.getVector("rows");
            cols = (BigIntVector) root.getVector("cols");
            f64 = (ListVector) root.getVector("f64");
            i64 = (ListVector) root.getVector("i64");
            d = (Float8Vector) f64.getDataVector();
            l = (BigIntVector) i64.getDataVector();
        }

        void add(String k, String n, long fr, long t, long r, long c, double[] dv, long[] lv) {
            kind.setSafe(row, k.getBytes(StandardCharsets.UTF_8));
            name.setSafe(row, n.getBytes(StandardCharsets.UTF_8));
            from.setSafe(row, fr);
            to.setSafe(row, t);
            rows.setSafe(row, r);
            cols.setSafe(row, c);
            f64.startNewValue(row);
            if (dv != null) for (double v : dv) d.setSafe(nd++, v);
            f64.endValue(row, dv == null ? 0 : dv.length);
            i64.startNewValue(row);
            if (lv != null) for (long v : lv) l.setSafe(nl++, v);
            i64.endValue(row, lv == null ? 0 : lv.length);
            row++;
        }

        void finish() {
            d.setValueCount(nd);
            l.setValueCount(nl);
            root.setRowCount(row);
        }
    }

    /**
     * Reads a checkpoint file bit for bit.
     *
     * @throws CorruptRecordFileException naming the file if it is truncated, not a checkpoint, or
     *                                    inconsistent (wrong block shapes, unknown activation …)
     */
    public static Checkpoint read(Path file) throws IOException {
        StreamScan s = StreamRepair.scan(file);
        if (s.schema() == null || s.batchCount() != 1 || !s.endOfStream() || s.truncatedTail()) {
            throw new CorruptRecordFileException(file, "truncated or corrupt checkpoint (" + s.batchCount() + " complete batches of 1, "
                    + (s.endOfStream() ? "" : "no end-of-stream marker, ") + (s.tailProblem() == null ? "" : s.tailProblem() + ", ")
                    + s.fileSize() + " bytes); resume from an earlier checkpoint");
        }
        Map<String, String> meta = s.metadata();
        if (!KIND.equals(meta.get(RunFiles.KIND_KEY))) {
            throw new CorruptRecordFileException(file, "is a '" + meta.get(RunFiles.KIND_KEY) + "' file, not a checkpoint");
        }
        StreamTables.Decoded t = StreamTables.decode(s);
        try {
            NeuronLayout layout = NeuronLayout.parse(required(file, meta, "layout"));
            Activation hidden = Activation.parse(required(file, meta, "hidden_activation"));
            Activation output = Activation.parse(required(file, meta, "output_activation"));
            long index = Long.parseLong(required(file, meta, "checkpoint_index"));
            Map<String, String> attrs = new LinkedHashMap<>();
            meta.forEach((k, v) -> { if (k.startsWith(ATTR)) attrs.put(k.substring(ATTR.length()), v); });

            List<Block> blocks = new ArrayList<>();
            double[] bias = null;
            Map<String, double[]> arrays = new LinkedHashMap<>();
            Map<String, long[]> longs = new LinkedHashMap<>();
            for (int r = 0; r < t.rows(); r++) {
                String kind = (String) t.column("kind").get(r);
                String name = (String) t.column("name").get(r);
                double[] dv = (double[]) t.column("f64").get(r);
                switch (kind) {
                    case "block" -> blocks.add(new Block(toInt(t.column("from").get(r)), toInt(t.column("to").get(r)),
                            toInt(t.column("rows").get(r)), toInt(t.column("cols").get(r)), dv));
                    case "bias" -> bias = dv;
                    case "array" -> arrays.put(name, dv);
                    case "longs" -> longs.put(name, (long[]) t.column("i64").get(r));
                    default -> throw new IllegalArgumentException("unknown row kind '" + kind + "'");
                }
            }
            if (bias == null) throw new IllegalArgumentException("no bias row");
            Network net = new Network(layout, new WeightMatrix(layout, blocks), bias, hidden, output);
            Checkpoint c = new Checkpoint(index, net, attrs, arrays, longs);
            String sum = meta.get(CONTENT_SUM);
            if (sum != null && !sum.equals(contentSum(c))) {
                throw new CorruptRecordFileException(file, "checkpoint " + index + " does not match its checksum (damaged); "
                        + "resume from an earlier checkpoint");
            }
            return c;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new CorruptRecordFileException(file, "inconsistent checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * CRC-32C over everything a checkpoint holds: index, layout, activations, attributes, every
     * block's shape and weights, the biases and the extra arrays (the bits of each double).
     */
    static String contentSum(Checkpoint c) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        java.util.function.LongConsumer put = v -> { b.clear(); b.putLong(v); crc.update(b.array(), 0, 8); };
        java.util.function.Consumer<String> str = v -> { byte[] x = v.getBytes(StandardCharsets.UTF_8); put.accept(x.length); crc.update(x); };
        Network net = c.network();
        put.accept(c.index());
        str.accept(net.layout().toString());
        str.accept(net.hiddenActivation().name());
        str.accept(net.outputActivation().name());
        new java.util.TreeMap<>(c.attributes()).forEach((k, v) -> { str.accept(k); str.accept(v); });
        for (Block bl : net.weights().blocks()) {
            put.accept(bl.from());
            put.accept(bl.to());
            put.accept(bl.rows());
            put.accept(bl.cols());
            for (double v : bl.w()) put.accept(Double.doubleToRawLongBits(v));
        }
        for (double v : net.bias()) put.accept(Double.doubleToRawLongBits(v));
        new java.util.TreeMap<>(c.arrays()).forEach((k, v) -> { str.accept(k); for (double x : v) put.accept(Double.doubleToRawLongBits(x)); });
        new java.util.TreeMap<>(c.longArrays()).forEach((k, v) -> { str.accept(k); for (long x : v) put.accept(x); });
        return java.util.HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static String required(Path file, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) throw new IllegalArgumentException("schema metadata lacks '" + key + "'");
        return v;
    }

    private static int toInt(Object o) { return Math.toIntExact((Long) o); }
}
