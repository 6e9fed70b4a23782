package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.core.data.Checksums;
import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.DataUnavailableException;
import org.thermolearn.core.data.IdxDirectory;
import org.thermolearn.core.data.MnistFile;
import org.thermolearn.core.data.MnistRepository;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the data of a run come from, and proof of what they were. A directory the user named —
 * {@code dataDir} / {@code --data}, or {@value MnistRepository#ENV} — is read-only to the toolkit: it must
 * exist and hold the four IDX files, or the run stops with a message (exit 2) before anything is
 * created; nothing is ever fetched into it. Only the user cache ({@code ~/.cache/thermolearn/mnist})
 * is filled by fetching. run.json records the resolved directory and the SHA-256 of each file
 * ({@link #toJson()}); a resume refuses data that changed since ({@link #checkUnchanged}).
 *
 * @param dir    the resolved directory (absolute)
 * @param origin "explicit", "environment" or "user cache"
 * @param files  the file read for each role
 */
public record DataSource(Path dir, String origin, Map<MnistFile, Path> files) {

    public DataSource {
        files = Map.copyOf(files);
    }

    /** Resolves and checks the data directory a config names ({@code dataDir} may be null). */
    public static DataSource resolve(String dataDir) {
        if (dataDir != null) return named(Path.of(dataDir), "explicit", "the data directory");
        String env = System.getenv(MnistRepository.ENV);
        if (env != null && !env.isBlank()) {
            Path root = Path.of(env);
            Path dir = MnistFile.TRAIN_IMAGES.find(root) == null && Files.isDirectory(root.resolve("mnist")) ? root.resolve("mnist") : root;
            return named(dir, "environment", "$" + MnistRepository.ENV);
        }
        MnistRepository repo = MnistRepository.locate(null);
        return new DataSource(repo.dir().toAbsolutePath(), "user cache", repo.ensure());
    }

    /** A user-named directory: checked, never written. */
    private static DataSource named(Path dir, String origin, String what) {
        String unset = "; the toolkit never creates or fills a directory you name: give a directory holding the four IDX files, "
                + "or leave it unset to use the user cache (MNIST, fetched on first use)";
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw new DataUnavailableException(dir, what + " " + dir + " is a dangling symbolic link" + unset);
        }
        if (!Files.exists(dir)) throw new DataUnavailableException(dir, what + " " + dir + " does not exist" + unset);
        if (!Files.isDirectory(dir)) throw new DataUnavailableException(dir, what + " " + dir + " is a file, not a directory" + unset);
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        List<String> problems = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            Path p = f.find(dir);
            if (p != null) {
                found.put(f, p);
                continue;
            }
            String dangling = null;
            for (String n : f.candidateNames()) {
                Path c = dir.resolve(n);
                if (Files.isSymbolicLink(c) && !Files.exists(c)) dangling = n;
            }
            problems.add(dangling != null ? dangling + " (a dangling symbolic link)" : f.fileName() + " (missing)");
        }
        if (!problems.isEmpty()) {
            throw new DataUnavailableException(dir, what + " " + dir + (found.isEmpty() ? " holds none of the IDX files: " : " is incomplete: ")
                    + String.join(", ", problems) + unset);
        }
        return new DataSource(dir.toAbsolutePath().normalize(), origin, found);
    }

    /** Loads the splits, keeping the first {@code trainCount} training images for training. */
    public DataSplits load(int trainCount) {
        int n = org.thermolearn.core.data.IdxReader.readHeader(files.get(MnistFile.TRAIN_IMAGES)).count();
        if (trainCount > n) {
            throw new org.thermolearn.experiments.config.ConfigException("trainCount", trainCount, "the training file "
                    + files.get(MnistFile.TRAIN_IMAGES) + " holds only " + n + " images; use at most " + n + " (the rest are validation)");
        }
        if (!origin.equals("explicit")) { // MNIST: the published sizes are checked too
            return new MnistRepository(new MnistRepository.Location(dir, MnistRepository.Source.ENVIRONMENT), null,
                    MnistRepository.Verification.SIZE).load(trainCount);
        }
        Path name = dir.getFileName();
        return IdxDirectory.load(dir, name == null ? "data" : name.toString(), trainCount);
    }

    /** SHA-256 of each file as stored, by file name. */
    public Map<String, String> sha256() {
        Map<String, String> m = new LinkedHashMap<>();
        for (MnistFile f : MnistFile.values()) {
            Path p = files.get(f);
            try {
                m.put(p.getFileName().toString(), Checksums.sha256(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + " to checksum it: " + e.getMessage(), e);
            }
        }
        return m;
    }

    /** The run.json record: {"dir", "origin", "sha256": {file: hex}}. */
    public ObjectNode toJson() {
        ObjectNode n = ConfigLoader.json().createObjectNode();
        n.put("dir", dir.toString());
        n.put("origin", origin);
        ObjectNode s = n.putObject("sha256");
        sha256().forEach(s::put);
        return n;
    }

    /**
     * Refuses to continue a run on data other than those it started with (a different directory, or
     * a file whose SHA-256 changed): the resumed records would silently mix two data sets.
     */
    public void checkUnchanged(JsonNode recorded, Path runDir) {
        if (recorded == null || !recorded.isObject()) return; // a run from before data were recorded
        String was = recorded.path("dir").asText("");
        if (!was.equals(dir.toString())) {
            throw new BadInputException("the data of " + runDir + " were read from " + was + ", now they resolve to " + dir
                    + "; resume with the same data (set dataDir/--data or $" + MnistRepository.ENV + " as when it started)");
        }
        Map<String, String> now = sha256();
        recorded.path("sha256").fields().forEachRemaining(e -> {
            String h = now.get(e.getKey());
            if (!e.getValue().asText().equals(h)) {
                throw new BadInputException("data file " + dir.resolve(e.getKey()) + " changed since " + runDir + " started (SHA-256 "
                        + abbrev(e.getValue().asText()) + " recorded, " + (h == null ? "file gone" : abbrev(h)) + " now); "
                        + "restore the original file, or start a new run");
            }
        });
    }

    private static String abbrev(String h) {
        return h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }
}
