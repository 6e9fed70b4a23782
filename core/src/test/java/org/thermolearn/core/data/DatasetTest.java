package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatasetTest {

    /** 6 images of 1×2 pixels: image i holds (i/10, i/10 + 0.05); labels i mod 3. */
    private static Dataset six() {
        double[] x = new double[12];
        int[] y = new int[6];
        for (int i = 0; i < 6; i++) {
            x[2 * i] = i / 10.0;
            x[2 * i + 1] = i / 10.0 + 0.05;
            y[i] = i % 3;
        }
        return new Dataset("six", x, y, 1, 2, 3);
    }

    @Test
    void oneHotDefaultAndSymmetricTargets() {
        Dataset d = six();
        double[] t = d.oneHot();
        assertEquals(18, t.length);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, java.util.Arrays.copyOf(t, 9), 0.0);
        double[] s = d.oneHot(-1, 1);
        assertArrayEquals(new double[] {-1, -1, 1}, java.util.Arrays.copyOfRange(s, 15, 18), 0.0);
    }

    @Test
    void subsetSplitAndSelectCopyTheRightRows() {
        Dataset d = six();
        Dataset s = d.subset(2, 5);
        assertEquals(3, s.count());
        assertArrayEquals(new double[] {0.2, 0.25}, s.image(0), 1e-15);
        assertArrayEquals(new int[] {2, 0, 1}, s.labels());

        Dataset.Partition p = d.split(4);
        assertEquals(4, p.train().count());
        assertEquals(2, p.validation().count());
        assertArrayEquals(new double[] {0.4, 0.45}, p.validation().image(0), 1e-15);
        assertEquals("six/validation", p.validation().name());

        Dataset sel = d.select(new int[] {5, 0, 5});
        assertArrayEquals(new int[] {2, 0, 2}, sel.labels());
        assertArrayEquals(new double[] {0.5, 0.55}, sel.image(2), 1e-15);

        assertArrayEquals(new int[] {2, 2, 2}, d.classCounts());
        assertEquals(d, six());
        assertEquals(d.hashCode(), six().hashCode());
    }

    @Test
    void invalidArgumentsAreRejectedWithNumbers() {
        Dataset d = six();
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(3, 7));
        assertThrows(IllegalArgumentException.class, () -> d.split(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("bad", new double[5], new int[3], 1, 2, 3));
        assertEquals(true, e.getMessage().contains("need 6 pixels"));
        assertThrows(IllegalArgumentException.class, () -> new Dataset("bad", new double[2], new int[] {3}, 1, 2, 3));
    }

    @Test
    void dataSplitsKeepsFirstForTrainingAndLastForValidation() {
        Dataset train = six();
        Dataset test = six().subset(0, 2);
        DataSplits s = DataSplits.of(train, test, 5);
        assertEquals(5, s.train().count());
        assertEquals(1, s.validation().count());
        assertEquals(2, s.validation().label(0));
        assertEquals(2, s.test().count());
        assertEquals(50_000, DataSplits.MNIST_TRAIN_COUNT);
    }

    @Test
    void unsignedBytesAreScaledIntoUnitInterval() {
        Dataset d = Dataset.fromUnsignedBytes("b", new byte[] {0, (byte) 255, (byte) 128, 1}, new int[] {0, 1}, 1, 2, 2);
        assertArrayEquals(new double[] {0, 1, 128 / 255.0, 1 / 255.0}, d.images(), 0.0);
    }
}
