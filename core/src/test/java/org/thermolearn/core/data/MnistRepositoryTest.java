package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistRepositoryTest {

    @TempDir
    Path tmp;

    @Test
    void directoryPrecedenceIsExplicitThenEnvironmentThenXdgThenHome() throws IOException {
        Map<String, String> none = Map.of();
        Map<String, String> xdg = Map.of("XDG_CACHE_HOME", "/x/cache");
        Map<String, String> both = Map.of("XDG_CACHE_HOME", "/x/cache", "THERMOLEARN_DATA", tmp.toString());

        assertEquals(new MnistRepository.Location(Path.of("/my/mnist"), MnistRepository.Source.EXPLICIT),
                MnistRepository.resolve(Path.of("/my/mnist"), both::get, "/home/u"));
        assertEquals(new MnistRepository.Location(tmp.resolve("mnist"), MnistRepository.Source.ENVIRONMENT),
                MnistRepository.resolve(null, both::get, "/home/u"));
        assertEquals(new MnistRepository.Location(Path.of("/x/cache/thermolearn/mnist"), MnistRepository.Source.DEFAULT_CACHE),
                MnistRepository.resolve(null, xdg::get, "/home/u"));
        assertEquals(Path.of("/home/u/.cache/thermolearn/mnist"), MnistRepository.resolve(null, none::get, "/home/u").dir());
        assertEquals(Path.of("/home/u/.cache/thermolearn/mnist"),
                MnistRepository.defaultCacheDir(Map.of("XDG_CACHE_HOME", "relative/cache")::get, "/home/u"),
                "a relative XDG_CACHE_HOME is ignored");

        // THERMOLEARN_DATA pointing straight at a directory with the files is used as it is.
        Files.createFile(tmp.resolve("train-images.idx3-ubyte.gz"));
        assertEquals(tmp, MnistRepository.resolve(null, both::get, "/home/u").dir());
    }

    @Test
    void missingFilesWithFetchingOffSayWhatToDo() {
        Path dir = tmp.resolve("empty");
        MnistRepository r = new MnistRepository(new MnistRepository.Location(dir, MnistRepository.Source.EXPLICIT), null,
                MnistRepository.Verification.SIZE);
        String m = assertThrows(DataUnavailableException.class, r::ensure).getMessage();
        assertTrue(m.contains(dir.toString()) && m.contains("train-images-idx3-ubyte") && m.contains("read-only")
                && m.contains("nothing is fetched into it") && m.contains("user cache"), m);
    }

    @Test
    void sizeVerificationRejectsAFileOfTheWrongSize() throws IOException {
        Path p = SyntheticIdx.writeLabels(tmp.resolve("train-labels-idx1-ubyte"), new int[] {1, 2, 3}, false);
        String m = assertThrows(DataFormatException.class,
                () -> MnistRepository.verify(MnistFile.TRAIN_LABELS, p, MnistRepository.Verification.SIZE)).getMessage();
        assertTrue(m.contains(p.toString()) && m.contains("expected 60008 bytes") && m.contains("found 11 bytes")
                && m.contains("fetch-data --force") && m.contains("never writes there"), m);
        MnistRepository.verify(MnistFile.TRAIN_LABELS, p, MnistRepository.Verification.NONE);
    }

    @Test
    void hashVerificationRejectsAWrongFileOfTheRightSizeAndShape() throws IOException {
        int[] labels = new int[10_000];
        Path p = SyntheticIdx.writeLabels(tmp.resolve("t10k-labels-idx1-ubyte"), labels, false);
        assertEquals(MnistFile.TEST_LABELS.size(), Files.size(p));
        MnistRepository.verify(MnistFile.TEST_LABELS, p, MnistRepository.Verification.SIZE);
        String m = assertThrows(DataFormatException.class,
                () -> MnistRepository.verify(MnistFile.TEST_LABELS, p, MnistRepository.Verification.SHA256)).getMessage();
        assertTrue(m.contains("SHA-256") && m.contains("expected " + MnistFile.TEST_LABELS.sha256())
                && m.contains("found " + Checksums.sha256(p)), m);

        Path gz = SyntheticIdx.writeLabels(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new int[9_999], true);
        m = assertThrows(DataFormatException.class,
                () -> MnistRepository.verify(MnistFile.TEST_LABELS, gz, MnistRepository.Verification.SIZE)).getMessage();
        assertTrue(m.contains("expected 0x00000801 10000") && m.contains("found 0x00000801 9999"), m);
    }

    @Test
    void recognisesDottedAndGzippedNames() throws IOException {
        Files.createFile(tmp.resolve("t10k-images.idx3-ubyte.gz"));
        assertEquals(tmp.resolve("t10k-images.idx3-ubyte.gz"), MnistFile.TEST_IMAGES.find(tmp));
        Files.createFile(tmp.resolve("t10k-images-idx3-ubyte"));
        assertEquals(tmp.resolve("t10k-images-idx3-ubyte"), MnistFile.TEST_IMAGES.find(tmp), "canonical name first");
    }
}
