package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticIdxTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        SyntheticIdx.Images a = new SyntheticIdx(42).generate(20, 0);
        SyntheticIdx.Images b = new SyntheticIdx(42).generate(20, 0);
        SyntheticIdx.Images c = new SyntheticIdx(43).generate(20, 0);
        SyntheticIdx.Images d = new SyntheticIdx(42).generate(20, 1);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.pixels(), c.pixels()));
        assertFalse(Arrays.equals(a.pixels(), d.pixels()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWrittenDirectoryLoadsAndIsLearnable(boolean gzip) throws IOException {
        new SyntheticIdx(3).writeDirectory(tmp, 600, 200, gzip);
        DataSplits s = IdxDirectory.load(tmp, "synthetic", 500);
        assertEquals(500, s.train().count());
        assertEquals(100, s.validation().count());
        assertEquals(200, s.test().count());
        assertEquals(784, s.train().features());
        assertEquals(10, s.train().classes());
        for (int k : s.train().classCounts()) {
            assertTrue(k > 20, "every class present: " + Arrays.toString(s.train().classCounts()));
        }
        // A nearest-class-mean classifier (a linear rule) must already separate the classes well.
        int f = s.train().features();
        double[][] mean = new double[10][f];
        int[] n = s.train().classCounts();
        for (int i = 0; i < s.train().count(); i++) {
            for (int j = 0; j < f; j++) {
                mean[s.train().label(i)][j] += s.train().images()[i * f + j] / n[s.train().label(i)];
            }
        }
        int correct = 0;
        for (int i = 0; i < s.test().count(); i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int j = 0; j < f; j++) {
                    double e = s.test().images()[i * f + j] - mean[c][j];
                    d += e * e;
                }
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            correct += best == s.test().label(i) ? 1 : 0;
        }
        assertTrue(correct >= 180, "nearest-mean accuracy " + correct + "/200");
    }

    @Test
    void defaultSplitOfADirectoryKeepsFiveSixths() throws IOException {
        new SyntheticIdx(4, 5, 5, 3).writeDirectory(tmp, 60, 12, false);
        DataSplits s = IdxDirectory.load(tmp, "tiny");
        assertEquals(50, s.train().count());
        assertEquals(10, s.validation().count());
        assertEquals(12, s.test().count());
    }

    @Test
    void aDirectoryWithAMissingFileNamesIt() throws IOException {
        new SyntheticIdx(5, 5, 5, 3).writeDirectory(tmp, 10, 10, true);
        Files.delete(tmp.resolve("t10k-labels-idx1-ubyte.gz"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> IdxDirectory.load(tmp, "x"));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("t10k-labels-idx1-ubyte")
                && e.getMessage().contains("found none"), e.getMessage());
        assertThrows(DataUnavailableException.class, () -> IdxDirectory.load(tmp.resolve("nope"), "x"));
    }

    @Test
    void trainingAndTestFilesOfDifferentShapesAreRejected() throws IOException {
        new SyntheticIdx(6, 5, 5, 3).writeDirectory(tmp, 12, 4, false);
        SyntheticIdx.writeImages(tmp.resolve("t10k-images-idx3-ubyte"), new SyntheticIdx(6, 6, 5, 3).generate(4, 1), false);
        String m = assertThrows(DataFormatException.class, () -> IdxDirectory.load(tmp, "x", 10)).getMessage();
        assertTrue(m.contains("t10k-images-idx3-ubyte") && m.contains("expected 5×5") && m.contains("found 6×5"), m);
        new SyntheticIdx(6, 5, 5, 3).writeDirectory(tmp, 12, 4, false);
        assertThrows(IllegalArgumentException.class, () -> IdxDirectory.load(tmp, "x", 13));
        DataSplits s = IdxDirectory.load(tmp, "x", 12);
        assertEquals(0, s.validation().count());
        assertEquals("x/train", s.train().name());
        assertEquals("x/test", s.test().name());
    }
}
