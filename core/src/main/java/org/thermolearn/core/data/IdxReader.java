package org.thermolearn.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads files in LeCun's IDX format (the format of MNIST and Fashion-MNIST), raw or gzipped.
 * Gzip is recognised by its magic bytes {@code 1f 8b}, not by the file name, so a renamed file
 * still reads. Every check that can fail (magic number, element type, dimensions, truncation,
 * trailing bytes, image and label counts) raises a {@link DataFormatException} whose message names
 * the file, what was expected, what was found and how to fix it.
 */
public final class IdxReader {

    /** Magic number of an image file: unsigned bytes, 3 dimensions [n, rows, cols]. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension [n]. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** What a user does about a damaged file. */
    static final String FIX = "The file is damaged or is not an IDX file: check the path, or delete the file and "
            + "re-fetch it (`thermolearn fetch-data`, or let the next run fetch it).";

    private static final int MAX_DIMS = 16;
    private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 16L;

    private IdxReader() {
    }

    /** True when the file starts with the gzip magic bytes {@code 1f 8b}. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads only the header (cheap even for a gzipped 47 MB file). */
    public static IdxHeader readHeader(Path file) {
        try (InputStream in = open(file)) {
            return parseHeader(file, in);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads a whole IDX file of any type and number of dimensions. */
    public static IdxArray read(Path file) {
        return read(file, -1);
    }

    /**
     * Reads a whole IDX file and checks its magic number.
     *
     * @param expectedMagic the required magic number, or -1 to accept any valid one
     */
    public static IdxArray read(Path file, int expectedMagic) {
        boolean gzip = isGzip(file);
        try (InputStream in = open(file)) {
            IdxHeader h = parseHeader(file, in);
            if (expectedMagic >= 0 && h.magic() != expectedMagic) {
                throw DataFormatException.of(file, "IDX magic number", IdxHeader.hex(expectedMagic) + describe(expectedMagic),
                        IdxHeader.hex(h.magic()) + describe(h.magic()) + swapHint(expectedMagic, h.magic()), FIX);
            }
            long need = h.dataBytes();
            if (need > MAX_DATA_BYTES) {
                throw DataFormatException.of(file, "data size for dimensions " + h.shape(), "at most " + MAX_DATA_BYTES
                        + " bytes", need + " bytes", FIX);
            }
            if (!gzip) {
                // A raw file's size settles truncation and trailing bytes before reading anything.
                long size = Files.size(file);
                long expected = h.headerBytes() + need;
                if (size != expected) {
                    throw sizeMismatch(file, h, expected, size);
                }
            }
            byte[] data = in.readNBytes((int) need);
            if (data.length < need) {
                throw sizeMismatch(file, h, h.headerBytes() + need, h.headerBytes() + (long) data.length);
            }
            long extra = 0;
            while (in.read() >= 0) {
                extra++;
                extra += in.skip(Long.MAX_VALUE);
            }
            if (extra > 0) {
                throw sizeMismatch(file, h, h.headerBytes() + need, h.headerBytes() + need + extra);
            }
            return new IdxArray(file, h, data);
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(file, file + ": gzip data: expected a complete gzip stream, found "
                    + (e instanceof EOFException ? "one that ends early (truncated download?)" : "corrupt data (" + e.getMessage() + ")")
                    + ". " + FIX, e);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Reads an image file: magic {@code 0x00000803}, dimensions [n, rows, cols]. */
    public static IdxArray readImages(Path file) {
        IdxArray a = read(file, IMAGES_MAGIC);
        int[] d = a.header().dims();
        if (d[1] <= 0 || d[2] <= 0) {
            throw DataFormatException.of(file, "image dimensions", "rows and columns ≥ 1", d[1] + "×" + d[2], FIX);
        }
        return a;
    }

    /** Reads a label file: magic {@code 0x00000801}, dimension [n]. */
    public static IdxArray readLabels(Path file) {
        return read(file, LABELS_MAGIC);
    }

    /**
     * Reads an image file and its label file into a {@link Dataset}, pixels scaled by 1/255 into
     * [0, 1]; the number of classes is 1 + the largest label.
     */
    public static Dataset readDataset(String name, Path images, Path labels) {
        return readDataset(name, images, labels, -1);
    }

    /**
     * Reads an image file and its label file into a {@link Dataset}, pixels scaled by 1/255 into
     * [0, 1].
     *
     * @param classes number of classes; every label must lie in [0, classes); -1 infers it as
     *                1 + the largest label
     */
    public static Dataset readDataset(String name, Path images, Path labels, int classes) {
        Pair p = readPair(images, labels, classes);
        return Dataset.fromUnsignedBytes(name, p.pixels(), p.labels(), 0, p.labels().length, p.rows(), p.cols(), p.classes());
    }

    /**
     * Reads a training pair and a test pair and splits the training images into the first
     * {@code trainCount} (training) and the rest (validation), converting each part straight
     * from the file's bytes so that the full training set is never held twice.
     *
     * @param name    prefix of the data set names ("mnist" gives "mnist/train", "mnist/validation",
     *                "mnist/test")
     * @param classes number of classes, or -1 to infer it from the training labels
     */
    public static DataSplits readSplits(String name, Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                        int trainCount, int classes) {
        Pair train = readPair(trainImages, trainLabels, classes);
        int n = train.labels().length;
        if (trainCount < 0 || trainCount > n) {
            throw new IllegalArgumentException(trainImages + " holds " + n + " images; cannot keep " + trainCount
                    + " for training; choose a count in [0, " + n + "]");
        }
        Pair test = readPair(testImages, testLabels, train.classes());
        if (test.rows() != train.rows() || test.cols() != train.cols()) {
            throw DataFormatException.of(testImages, "image size", train.rows() + "×" + train.cols() + " as in " + trainImages,
                    test.rows() + "×" + test.cols(), "The training and test files come from different data sets: check the paths.");
        }
        return new DataSplits(
                Dataset.fromUnsignedBytes(name + "/train", train.pixels(), train.labels(), 0, trainCount,
                        train.rows(), train.cols(), train.classes()),
                Dataset.fromUnsignedBytes(name + "/validation", train.pixels(), train.labels(), trainCount, n,
                        train.rows(), train.cols(), train.classes()),
                Dataset.fromUnsignedBytes(name + "/test", test.pixels(), test.labels(), 0, test.labels().length,
                        test.rows(), test.cols(), test.classes()));
    }

    /** An image file and its label file, checked against each other, pixels still bytes. */
    private record Pair(byte[] pixels, int[] labels, int rows, int cols, int classes) {
    }

    private static Pair readPair(Path images, Path labels, int classes) {
        IdxArray img = readImages(images);
        IdxArray lab = readLabels(labels);
        if (img.count() != lab.count()) {
            throw new DataFormatException(labels, "image and label counts differ: " + images + " holds " + img.count()
                    + " images but " + labels + " holds " + lab.count() + " labels; expected equal counts. "
                    + "The two files do not belong together (mixed train/test files, or one is damaged): "
                    + "check the paths, or delete both and re-fetch them (`thermolearn fetch-data`).");
        }
        int[] y = lab.toInts();
        int max = -1;
        for (int i = 0; i < y.length; i++) {
            int v = y[i];
            if (v < 0 || (classes > 0 && v >= classes)) {
                throw DataFormatException.of(labels, "label " + i, "a class in [0, " + (classes > 0 ? classes : "∞") + ")",
                        String.valueOf(v), FIX);
            }
            max = Math.max(max, v);
        }
        int k = classes > 0 ? classes : Math.max(1, max + 1);
        int[] d = img.header().dims();
        return new Pair(img.data(), y, d[1], d[2], k);
    }

    /** Opens a file for reading, decompressing when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static IdxHeader parseHeader(Path file, InputStream in) throws IOException {
        byte[] m = in.readNBytes(4);
        if (m.length < 4) {
            throw DataFormatException.of(file, "IDX header", "at least 4 bytes (the magic number)",
                    m.length == 0 ? "an empty file" : m.length + " byte(s)", FIX);
        }
        int magic = ((m[0] & 0xFF) << 24) | ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        IdxType type = IdxType.ofCode(m[2] & 0xFF);
        int ndim = m[3] & 0xFF;
        if (m[0] != 0 || m[1] != 0 || type == null || ndim == 0 || ndim > MAX_DIMS) {
            throw DataFormatException.of(file, "IDX magic number",
                    "0x0000TTNN with type TT in {08,09,0B,0C,0D,0E} and 1 ≤ NN ≤ " + MAX_DIMS + " dimensions",
                    IdxHeader.hex(magic) + textHint(m), FIX);
        }
        byte[] dimBytes = in.readNBytes(4 * ndim);
        if (dimBytes.length < 4 * ndim) {
            throw DataFormatException.of(file, "IDX header", (4 + 4 * ndim) + " bytes (magic + " + ndim + " dimensions)",
                    (4 + dimBytes.length) + " bytes (file truncated)", FIX);
        }
        int[] dims = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            int b = 4 * i;
            dims[i] = ((dimBytes[b] & 0xFF) << 24) | ((dimBytes[b + 1] & 0xFF) << 16) | ((dimBytes[b + 2] & 0xFF) << 8)
                    | (dimBytes[b + 3] & 0xFF);
            if (dims[i] < 0) {
                throw DataFormatException.of(file, "IDX dimension " + i, "a non-negative size", String.valueOf(dims[i]), FIX);
            }
        }
        return new IdxHeader(type, dims);
    }

    private static DataFormatException sizeMismatch(Path file, IdxHeader h, long expected, long found) {
        String what = found < expected ? " (truncated: " + (expected - found) + " bytes missing)"
                : " (" + (found - expected) + " trailing bytes after the data)";
        return DataFormatException.of(file, "file length (uncompressed) for header " + IdxHeader.hex(h.magic()) + " " + h.shape(),
                expected + " bytes", found + " bytes" + what, FIX);
    }

    private static String describe(int magic) {
        IdxType t = IdxType.ofCode((magic >>> 8) & 0xFF);
        int nd = magic & 0xFF;
        String ts = t == null ? "unknown type" : t.name().toLowerCase().replace('_', ' ');
        return " (" + ts + ", " + nd + (nd == 1 ? " dimension" : " dimensions") + ")";
    }

    private static String swapHint(int expected, int found) {
        if (expected == IMAGES_MAGIC && found == LABELS_MAGIC) {
            return " — this is a label file; are the image and label paths swapped?";
        }
        if (expected == LABELS_MAGIC && found == IMAGES_MAGIC) {
            return " — this is an image file; are the image and label paths swapped?";
        }
        return "";
    }

    private static String textHint(byte[] m) {
        for (byte b : m) {
            if (b < 0x09 || b > 0x7e) {
                return "";
            }
        }
        return " (the text \"" + new String(m, java.nio.charset.StandardCharsets.US_ASCII).strip()
                + "…\": an HTML error page or a text file, not IDX data)";
    }

    static DataException ioFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataUnavailableException(file, file + ": file not found. Check the path, or fetch the data "
                    + "(`thermolearn fetch-data`).", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataUnavailableException(file, file + ": permission denied while reading. Check the file's "
                    + "permissions.", e);
        }
        return new DataUnavailableException(file, file + ": cannot read (" + e + "). Check the path and the disk.",
                new UncheckedIOException(e));
    }
}
