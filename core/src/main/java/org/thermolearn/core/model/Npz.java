package org.thermolearn.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} (what {@code numpy.savez(file, **state_dict)} writes): a zip archive with one
 * {@code NAME.npy} entry per array, each in the NPY format 1.0/2.0/3.0 — the magic {@code \x93NUMPY}, a
 * version, a little-endian header length, an ASCII dict {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (64, 784), }} and the raw data. float32 and float64 of either byte order are read; compressed
 * archives ({@code savez_compressed}) too.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() { }

    /** Every array of the archive, in archive order, keyed by its name without ".npy". */
    public static Map<String, Tensor> read(Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                } catch (ZipException | java.io.EOFException z) {
                    throw new ModelFormatException(file, "entry " + e.getName() + " is damaged or cut off (" + z.getMessage()
                            + "); save the model again with numpy.savez");
                }
                out.put(name, parseNpy(file, name, bytes));
            }
        } catch (ZipException e) {
            throw new ModelFormatException(file, "is not a NumPy .npz archive (not a readable zip file: " + e.getMessage()
                    + "); save the state_dict with numpy.savez(file, **{k: v.numpy() for k, v in model.state_dict().items()})");
        } catch (IOException e) {
            throw new ModelFormatException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) throw new ModelFormatException(file, "is an empty .npz archive; it holds no arrays");
        return out;
    }

    static Tensor parseNpy(Path file, String name, byte[] b) {
        String where = "array '" + name + "'";
        if (b.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(b, 6), MAGIC)) {
            throw new ModelFormatException(file, where + " is not in the NPY format (no \\x93NUMPY magic); save it with numpy.savez");
        }
        int major = b[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) throw new ModelFormatException(file, where + " is cut off inside its NPY header");
            headerLen = bb.getInt(8);
            start = 12;
        } else {
            throw new ModelFormatException(file, where + " has NPY version " + major + "; versions 1 to 3 are read");
        }
        if (headerLen < 0 || start + headerLen > b.length) throw new ModelFormatException(file, where + " is cut off inside its NPY header");
        String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw new ModelFormatException(file, where + " has an unreadable NPY header: " + header.trim());
        String descr = d.group(1);
        List<Integer> dims = new ArrayList<>();
        for (String p : s.group(1).split(",")) if (!p.isBlank()) dims.add(Integer.parseInt(p.trim()));
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        long count = 1;
        for (int x : shape) count *= x;
        int size;
        ByteOrder order;
        switch (descr) {
            case "<f4", "=f4" -> { size = 4; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f4" -> { size = 4; order = ByteOrder.BIG_ENDIAN; }
            case "<f8", "=f8" -> { size = 8; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f8" -> { size = 8; order = ByteOrder.BIG_ENDIAN; }
            default -> throw new ModelFormatException(file, where + " has dtype '" + descr
                    + "'; weights must be float32 or float64 (convert with .astype(numpy.float64))");
        }
        int dataStart = start + headerLen;
        if (dataStart + count * size > b.length) {
            throw new ModelFormatException(file, where + " is cut off: its header promises " + count + " values of " + size + " bytes, "
                    + (b.length - dataStart) + " bytes follow; save the model again");
        }
        double[] v = new double[(int) count];
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, (int) (count * size)).order(order);
        for (int i = 0; i < count; i++) v[i] = size == 4 ? data.getFloat() : data.getDouble();
        if (f.group(1).equals("True") && shape.length == 2) {
            double[] t = new double[v.length];
            int r = shape[0], c = shape[1];
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[i * c + j] = v[j * r + i];
            v = t;
        } else if (f.group(1).equals("True") && shape.length > 2) {
            throw new ModelFormatException(file, where + " is a Fortran-ordered array of rank " + shape.length + "; save it with numpy.ascontiguousarray");
        }
        return new Tensor(name, shape, v);
    }

    /** Writes float64 arrays as an uncompressed .npz (the layout numpy.savez writes), replacing nothing: {@code file} must not exist. */
    public static void write(Path file, Map<String, Tensor> arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Tensor t : arrays.values()) {
                zip.putNextEntry(new ZipEntry(t.name() + ".npy"));
                zip.write(npy(t));
                zip.closeEntry();
            }
        }
    }

    static byte[] npy(Tensor t) {
        StringBuilder shape = new StringBuilder();
        for (int d : t.shape()) shape.append(d).append(", ");
        String dict = String.format(Locale.ROOT, "{'descr': '<f8', 'fortran_order': False, 'shape': (%s), }",
                t.shape().length == 1 ? t.shape()[0] + "," : shape.substring(0, Math.max(0, shape.length() - 2)));
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer bb = ByteBuffer.allocate(8 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : t.data()) bb.putDouble(v);
        out.writeBytes(bb.array());
        return out.toByteArray();
    }
}
