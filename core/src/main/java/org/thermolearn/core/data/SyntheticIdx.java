package org.thermolearn.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A deterministic generator of small IDX data sets for tests and CI, so they need neither the
 * network nor MNIST. Each class is a blurred blob at its own place on a circle around the image
 * centre, drawn with random brightness, a one-pixel jitter and background noise; a small network
 * (even a linear one) separates the classes. The same seed gives the same bytes on every JVM
 * ({@link Random} is specified exactly).
 *
 * <p>Also writes {@linkplain Corruption damaged variants} of IDX files for error-path tests.
 */
public final class SyntheticIdx {

    private final long seed;
    private final int rows;
    private final int cols;
    private final int classes;

    /**
     * Generated images and labels.
     *
     * @param pixels  unsigned-byte pixels, {@code labels.length × rows·cols}, row-major
     * @param labels  classes in [0, classes)
     * @param rows    image height
     * @param cols    image width
     * @param classes number of classes
     */
    public record Images(byte[] pixels, int[] labels, int rows, int cols, int classes) {

        /** As a {@link Dataset} with pixels scaled into [0, 1]. */
        public Dataset toDataset(String name) {
            return Dataset.fromUnsignedBytes(name, pixels, labels, rows, cols, classes);
        }
    }

    /** Ways to damage an IDX file, each one the reader must reject. */
    public enum Corruption {
        /** First magic byte non-zero. */
        BAD_MAGIC,
        /** An image file's magic replaced by a label file's (0x00000801) and vice versa. */
        SWAPPED_MAGIC,
        /** First dimension (the count) increased by one, so the data is one sample short. */
        WRONG_DIMS,
        /** The last 100 bytes (or half the file when smaller) cut off. */
        TRUNCATED,
        /** 7 bytes appended after the data. */
        TRAILING_GARBAGE,
        /** Zero bytes. */
        EMPTY,
        /** An HTML error page in place of the data, as a failed download leaves. */
        HTML
    }

    /** 28×28 images of 10 classes, like MNIST. */
    public SyntheticIdx(long seed) {
        this(seed, 28, 28, 10);
    }

    public SyntheticIdx(long seed, int rows, int cols, int classes) {
        if (rows < 4 || cols < 4 || classes < 1 || classes > 255) {
            throw new IllegalArgumentException("synthetic images need rows, cols ≥ 4 and 1 ≤ classes ≤ 255, got "
                    + rows + "×" + cols + ", " + classes + " classes");
        }
        this.seed = seed;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
    }

    /** {@code count} images; {@code stream} picks an independent sequence (e.g. 0 for train, 1 for test). */
    public Images generate(int count, int stream) {
        Random rng = new Random(seed * 1_000_003L + stream);
        int f = rows * cols;
        byte[] px = new byte[count * f];
        int[] y = new int[count];
        double r = 0.28 * Math.min(rows, cols);
        double sigma = 0.11 * Math.min(rows, cols);
        for (int i = 0; i < count; i++) {
            int c = rng.nextInt(classes);
            y[i] = c;
            double angle = 2 * Math.PI * c / classes;
            double cy = (rows - 1) / 2.0 + r * Math.sin(angle) + rng.nextInt(3) - 1;
            double cx = (cols - 1) / 2.0 + r * Math.cos(angle) + rng.nextInt(3) - 1;
            double bright = 180 + 75 * rng.nextDouble();
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < cols; b++) {
                    double d2 = (a - cy) * (a - cy) + (b - cx) * (b - cx);
                    double v = bright * Math.exp(-d2 / (2 * sigma * sigma)) + 40 * rng.nextDouble();
                    px[i * f + a * cols + b] = (byte) Math.min(255, (int) Math.round(v));
                }
            }
        }
        return new Images(px, y, rows, cols, classes);
    }

    /**
     * Writes a training and a test set into {@code dir} under the canonical MNIST names (with
     * {@code .gz} appended when {@code gzip}), loadable with {@link IdxDirectory#load}.
     */
    public Map<MnistFile, Path> writeDirectory(Path dir, int trainCount, int testCount, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        Images train = generate(trainCount, 0);
        Images test = generate(testCount, 1);
        String ext = gzip ? ".gz" : "";
        Map<MnistFile, Path> m = new EnumMap<>(MnistFile.class);
        m.put(MnistFile.TRAIN_IMAGES, writeImages(dir.resolve(MnistFile.TRAIN_IMAGES.fileName() + ext), train, gzip));
        m.put(MnistFile.TRAIN_LABELS, writeLabels(dir.resolve(MnistFile.TRAIN_LABELS.fileName() + ext), train.labels(), gzip));
        m.put(MnistFile.TEST_IMAGES, writeImages(dir.resolve(MnistFile.TEST_IMAGES.fileName() + ext), test, gzip));
        m.put(MnistFile.TEST_LABELS, writeLabels(dir.resolve(MnistFile.TEST_LABELS.fileName() + ext), test.labels(), gzip));
        return m;
    }

    /** Writes an IDX image file (magic 0x00000803) atomically. */
    public static Path writeImages(Path file, Images images, boolean gzip) throws IOException {
        int n = images.labels().length;
        return write(file, IdxReader.IMAGES_MAGIC, new int[] {n, images.rows(), images.cols()}, images.pixels(), gzip);
    }

    /** Writes an IDX label file (magic 0x00000801) atomically. */
    public static Path writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) labels[i];
        }
        return write(file, IdxReader.LABELS_MAGIC, new int[] {labels.length}, b, gzip);
    }

    /** Writes any IDX file: magic, big-endian dimensions, then the element bytes as given. */
    public static Path write(Path file, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        AtomicFiles.write(file, out -> {
            OutputStream o = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            o.write(idxBytes(magic, dims, data));
            if (gzip) {
                ((GZIPOutputStream) o).finish();
            }
        });
        return file;
    }

    /** The bytes of an IDX file. */
    public static byte[] idxBytes(int magic, int[] dims, byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(4 + 4 * dims.length + data.length);
        try (DataOutputStream d = new DataOutputStream(bos)) {
            d.writeInt(magic);
            for (int x : dims) {
                d.writeInt(x);
            }
            d.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /**
     * Damages an IDX file in place. A gzipped file is decompressed, damaged and compressed again,
     * so the damage is in the IDX content, not in the gzip framing.
     */
    public static void corrupt(Path file, Corruption c) throws IOException {
        boolean gz = IdxReader.isGzip(file);
        byte[] b;
        try (InputStream in = IdxReader.open(file)) {
            b = in.readAllBytes();
        }
        byte[] out = switch (c) {
            case BAD_MAGIC -> {
                b[0] = 0x12;
                yield b;
            }
            case SWAPPED_MAGIC -> {
                b[3] = (byte) (b[3] == 3 ? 1 : 3);
                yield b;
            }
            case WRONG_DIMS -> {
                int n = ((b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
                n++;
                b[4] = (byte) (n >>> 24);
                b[5] = (byte) (n >>> 16);
                b[6] = (byte) (n >>> 8);
                b[7] = (byte) n;
                yield b;
            }
            case TRUNCATED -> Arrays.copyOf(b, b.length > 200 ? b.length - 100 : b.length / 2);
            case TRAILING_GARBAGE -> {
                byte[] t = Arrays.copyOf(b, b.length + 7);
                Arrays.fill(t, b.length, t.length, (byte) 0x5A);
                yield t;
            }
            case EMPTY -> new byte[0];
            case HTML -> "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n".getBytes(StandardCharsets.US_ASCII);
        };
        AtomicFiles.write(file, o -> {
            if (gz) {
                GZIPOutputStream g = new GZIPOutputStream(o);
                g.write(out);
                g.finish();
            } else {
                o.write(out);
            }
        });
    }
}
