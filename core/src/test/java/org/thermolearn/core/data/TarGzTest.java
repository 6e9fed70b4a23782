package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) throws IOException {
        return Checksums.sha256(new ByteArrayInputStream(b));
    }

    @Test
    void extractsOnlyTheWantedEntriesAndChecksThem() throws IOException {
        byte[] a = bytes(1000, 1);
        byte[] b = bytes(512, 2);
        byte[] c = bytes(70_000, 3);
        byte[] d = bytes(3, 4);
        Path tgz = new TarTestSupport()
                .file("package/package.json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .directory("package/data/")
                .file("package/data/a", a)
                .file("package/data/b", b)
                .fileWithPrefix("package/data", "c", c)
                .paxFile("package/data/a-name-longer-than-anything-ustar-would-want-to-hold-in-one-field-"
                        + "so-it-goes-into-a-pax-header-record-instead", d)
                .writeTo(tmp.resolve("pkg.tgz"));
        Path out = tmp.resolve("out");
        TarGz.extract(tgz, Map.of(
                "package/data/a", new TarGz.Expected(out.resolve("a"), a.length, sha(a)),
                "package/data/c", new TarGz.Expected(out.resolve("c"), c.length, sha(c)),
                "package/data/a-name-longer-than-anything-ustar-would-want-to-hold-in-one-field-"
                        + "so-it-goes-into-a-pax-header-record-instead", new TarGz.Expected(out.resolve("d"), 3, sha(d))));
        assertArrayEquals(a, Files.readAllBytes(out.resolve("a")));
        assertArrayEquals(c, Files.readAllBytes(out.resolve("c")));
        assertArrayEquals(d, Files.readAllBytes(out.resolve("d")));
        assertFalse(Files.exists(out.resolve("b")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void aWrongHashIsRejectedAndLeavesNoFile() throws IOException {
        byte[] a = bytes(5000, 5);
        Path tgz = new TarTestSupport().file("package/data/a", a).writeTo(tmp.resolve("pkg.tgz"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        String wrong = HexFormat.of().formatHex(new byte[32]);
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> TarGz.extract(tgz,
                Map.of("package/data/a", new TarGz.Expected(out.resolve("a"), a.length, wrong))));
        String m = e.getMessage();
        assertTrue(m.contains("expected " + wrong) && m.contains("found " + sha(a)) && m.contains("by hand"), m);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(0, s.count(), "neither the final file nor a temporary may remain");
        }

        e = assertThrows(DataUnavailableException.class, () -> TarGz.extract(tgz,
                Map.of("package/data/a", new TarGz.Expected(out.resolve("a"), a.length + 1, null))));
        assertTrue(e.getMessage().contains("size: expected 5001 bytes, found 5000"), e.getMessage());
        assertFalse(Files.exists(out.resolve("a")));
    }

    @Test
    void aMissingEntryAndATruncatedArchiveAreReported() throws IOException {
        Path tgz = new TarTestSupport().file("package/data/a", bytes(10, 6)).writeTo(tmp.resolve("pkg.tgz"));
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> TarGz.extract(tgz,
                Map.of("package/data/zzz", new TarGz.Expected(tmp.resolve("z"), -1, null))));
        assertTrue(e.getMessage().contains("package/data/zzz"), e.getMessage());

        Path big = new TarTestSupport().file("package/data/a", bytes(200_000, 7)).writeTo(tmp.resolve("big.tgz"));
        byte[] raw = Files.readAllBytes(big);
        Files.write(big, java.util.Arrays.copyOf(raw, raw.length / 2));
        e = assertThrows(DataUnavailableException.class, () -> TarGz.extract(big,
                Map.of("package/data/a", new TarGz.Expected(tmp.resolve("a"), -1, null))));
        assertTrue(e.getMessage().contains(big.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void readsAnArchiveMadeBySystemTar() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/package/data"));
        byte[] a = bytes(123_457, 8);
        Files.write(src.resolve("train-labels-idx1-ubyte"), a);
        Path tgz = tmp.resolve("sys.tgz");
        Process p;
        try {
            p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", tmp.resolve("src").toString(), "package")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no system tar: " + e.getMessage());
            return;
        }
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "system tar failed");
        TarGz.extract(tgz, Map.of("package/data/train-labels-idx1-ubyte",
                new TarGz.Expected(tmp.resolve("x"), a.length, sha(a))));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("x")));
    }
}
