package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path tmp;

    private final SyntheticIdx gen = new SyntheticIdx(7, 8, 6, 4);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripKeepsEveryPixelAndLabel(boolean gzip) throws IOException {
        SyntheticIdx.Images im = gen.generate(50, 0);
        Path images = SyntheticIdx.writeImages(tmp.resolve("img" + (gzip ? ".gz" : "")), im, gzip);
        Path labels = SyntheticIdx.writeLabels(tmp.resolve("lab" + (gzip ? ".gz" : "")), im.labels(), gzip);
        assertEquals(gzip, IdxReader.isGzip(images));

        Dataset d = IdxReader.readDataset("syn", images, labels);
        assertEquals(50, d.count());
        assertEquals(8, d.rows());
        assertEquals(6, d.cols());
        assertEquals(4, d.classes());
        assertArrayEquals(im.labels(), d.labels());
        for (int i = 0; i < im.pixels().length; i++) {
            assertEquals((im.pixels()[i] & 0xFF) / 255.0, d.images()[i], 0.0);
        }
        IdxHeader h = IdxReader.readHeader(images);
        assertEquals(IdxReader.IMAGES_MAGIC, h.magic());
        assertArrayEquals(new int[] {50, 8, 6}, h.dims());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        SyntheticIdx.Images im = gen.generate(5, 0);
        Path gzNoSuffix = SyntheticIdx.writeImages(tmp.resolve("images-idx3-ubyte"), im, true);
        Path rawWithSuffix = SyntheticIdx.writeImages(tmp.resolve("images-idx3-ubyte.gz"), im, false);
        assertArrayEquals(IdxReader.readImages(gzNoSuffix).data(), IdxReader.readImages(rawWithSuffix).data());
        assertArrayEquals(im.pixels(), IdxReader.readImages(rawWithSuffix).data());
    }

    @Test
    void decodesEveryElementType() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 2 + 2 * 4 + 2 * 4 + 2 * 8);
        byte[] shorts = ByteBuffer.allocate(4).putShort((short) -3).putShort((short) 300).array();
        byte[] ints = ByteBuffer.allocate(8).putInt(-70000).putInt(123456).array();
        byte[] floats = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2.25f).array();
        byte[] doubles = ByteBuffer.allocate(16).putDouble(Math.PI).putDouble(-1e300).array();
        assertEquals(36, b.capacity());
        assertArrayEquals(new double[] {-3, 300}, read(IdxType.SHORT, shorts).toDoubles(), 0.0);
        assertArrayEquals(new double[] {-70000, 123456}, read(IdxType.INT, ints).toDoubles(), 0.0);
        assertArrayEquals(new double[] {1.5, -2.25}, read(IdxType.FLOAT, floats).toDoubles(), 0.0);
        assertArrayEquals(new double[] {Math.PI, -1e300}, read(IdxType.DOUBLE, doubles).toDoubles(), 0.0);
        assertArrayEquals(new double[] {-1, 127}, read(IdxType.SIGNED_BYTE, new byte[] {-1, 127}).toDoubles(), 0.0);
        assertArrayEquals(new double[] {255, 127}, read(IdxType.UNSIGNED_BYTE, new byte[] {-1, 127}).toDoubles(), 0.0);
    }

    private IdxArray read(IdxType t, byte[] data) throws IOException {
        Path p = tmp.resolve("t-" + t);
        SyntheticIdx.write(p, IdxHeader.magic(t, 1), new int[] {2}, data, false);
        IdxArray a = IdxReader.read(p);
        assertEquals(t, a.header().type());
        return a;
    }

    @ParameterizedTest
    @EnumSource(SyntheticIdx.Corruption.class)
    void everyCorruptionOfAnImageFileIsRejectedWithFileExpectedAndFound(SyntheticIdx.Corruption c) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            SyntheticIdx.Images im = gen.generate(30, 0);
            Path images = SyntheticIdx.writeImages(tmp.resolve("train-images-idx3-ubyte-" + c + (gzip ? ".gz" : "")), im, gzip);
            Path labels = SyntheticIdx.writeLabels(tmp.resolve("train-labels-" + c + gzip), im.labels(), gzip);
            SyntheticIdx.corrupt(images, c);
            DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readDataset("x", images, labels));
            String m = e.getMessage();
            assertTrue(m.contains(images.toString()), m);
            assertTrue(m.contains("expected") && m.contains("found"), m);
            assertTrue(m.contains("re-fetch") || m.contains("check the path"), m);
            assertEquals(images, e.path());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SyntheticIdx.Corruption.class, names = {"BAD_MAGIC", "WRONG_DIMS", "TRUNCATED", "TRAILING_GARBAGE"})
    void everyCorruptionOfALabelFileIsRejected(SyntheticIdx.Corruption c) throws IOException {
        SyntheticIdx.Images im = gen.generate(300, 0);
        Path images = SyntheticIdx.writeImages(tmp.resolve("i"), im, false);
        Path labels = SyntheticIdx.writeLabels(tmp.resolve("t10k-labels-idx1-ubyte"), im.labels(), false);
        SyntheticIdx.corrupt(labels, c);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readDataset("x", images, labels));
        assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void messagesGiveTheNumbers() throws IOException {
        SyntheticIdx.Images im = gen.generate(10, 0);
        Path p = SyntheticIdx.writeImages(tmp.resolve("imgs"), im, false);
        SyntheticIdx.corrupt(p, SyntheticIdx.Corruption.TRUNCATED);
        // 16-byte header + 10·48 pixels = 496 bytes, less than 200? no: 496 > 200, so 100 bytes cut.
        String m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(p)).getMessage();
        assertTrue(m.contains("expected 496 bytes") && m.contains("found 396 bytes") && m.contains("100 bytes missing"), m);

        Path q = SyntheticIdx.writeImages(tmp.resolve("imgs2"), im, false);
        SyntheticIdx.corrupt(q, SyntheticIdx.Corruption.SWAPPED_MAGIC);
        m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(q)).getMessage();
        assertTrue(m.contains("expected 0x00000803") && m.contains("found 0x00000801") && m.contains("swapped"), m);

        Path r = SyntheticIdx.writeImages(tmp.resolve("imgs3"), im, true);
        SyntheticIdx.corrupt(r, SyntheticIdx.Corruption.TRAILING_GARBAGE);
        m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(r)).getMessage();
        assertTrue(m.contains("7 trailing bytes"), m);

        Path s = SyntheticIdx.writeImages(tmp.resolve("imgs4"), im, false);
        SyntheticIdx.corrupt(s, SyntheticIdx.Corruption.HTML);
        m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(s)).getMessage();
        assertTrue(m.contains("HTML"), m);
    }

    @Test
    void truncatedGzipStreamIsRejected() throws IOException {
        SyntheticIdx.Images im = gen.generate(40, 0);
        Path p = SyntheticIdx.writeImages(tmp.resolve("x.gz"), im, true);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
        String m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(p)).getMessage();
        assertTrue(m.contains(p.toString()) && m.contains("expected a complete gzip stream"), m);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        SyntheticIdx.Images im = gen.generate(20, 0);
        Path images = SyntheticIdx.writeImages(tmp.resolve("train-images-idx3-ubyte"), im, false);
        Path labels = SyntheticIdx.writeLabels(tmp.resolve("t10k-labels-idx1-ubyte"),
                java.util.Arrays.copyOf(im.labels(), 17), true);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readDataset("x", images, labels));
        String m = e.getMessage();
        assertTrue(m.contains(images.toString()) && m.contains(labels.toString()), m);
        assertTrue(m.contains("20 images") && m.contains("17 labels") && m.contains("expected equal counts"), m);
    }

    @Test
    void missingFileIsNamed() {
        Path p = tmp.resolve("no-such-file-idx3-ubyte");
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("not found")
                && e.getMessage().contains("Check the path"), e.getMessage());
    }

    @Test
    void labelsOutsideTheClassesAreRejected() throws IOException {
        SyntheticIdx.Images im = gen.generate(10, 0);
        Path images = SyntheticIdx.writeImages(tmp.resolve("i"), im, false);
        int[] y = im.labels().clone();
        y[3] = 12;
        Path labels = SyntheticIdx.writeLabels(tmp.resolve("l"), y, false);
        String m = assertThrows(DataFormatException.class, () -> IdxReader.readDataset("x", images, labels, 10)).getMessage();
        assertTrue(m.contains("label 3") && m.contains("found 12"), m);
        assertEquals(13, IdxReader.readDataset("x", images, labels).classes());
    }

    @Test
    void headerOnlyReadDoesNotNeedTheData() throws IOException {
        Path p = tmp.resolve("big-header-only.gz");
        try (GZIPOutputStream g = new GZIPOutputStream(Files.newOutputStream(p))) {
            g.write(SyntheticIdx.idxBytes(IdxReader.IMAGES_MAGIC, new int[] {60000, 28, 28}, new byte[0]));
        }
        IdxHeader h = IdxReader.readHeader(p);
        assertEquals("60000×28×28", h.shape());
        assertEquals(47_040_000L, h.dataBytes());
        assertFalse(h.toString().isEmpty());
        String m = assertThrows(DataFormatException.class, () -> IdxReader.readImages(p)).getMessage();
        assertTrue(m.contains("truncated"), m);
    }
}
