package org.thermolearn.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads any data set stored as four IDX files in one directory under the MNIST names
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}; also {@code train-images.idx3-ubyte} and friends; raw or
 * {@code .gz}), e.g. Fashion-MNIST or a {@link SyntheticIdx} set. Only the format is checked; for
 * the MNIST sizes and checksums use {@link MnistRepository}.
 */
public final class IdxDirectory {

    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST (gzipped IDX). */
    public static final Path FASHION_MNIST_DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private IdxDirectory() {
    }

    /**
     * Finds the four files in {@code dir}.
     *
     * @throws DataUnavailableException naming the directory and every missing file when any is
     *                                  absent
     */
    public static Map<MnistFile, Path> locate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataUnavailableException(dir, dir + ": expected a directory holding the IDX files, found "
                    + (Files.exists(dir) ? "a file" : "nothing") + ". Check the path.");
        }
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        List<String> missing = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            Path p = f.find(dir);
            if (p == null) {
                missing.add(String.join(" | ", f.candidateNames()));
            } else {
                found.put(f, p);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataUnavailableException(dir, dir + ": missing IDX file(s): expected one of " + missing
                    + ", found none. Check the path, or place the files there (raw or .gz).");
        }
        return found;
    }

    /**
     * Loads the training and test files of {@code dir}, keeping the first {@code trainCount}
     * training images for training and the rest for validation.
     *
     * @param name prefix of the data set names, e.g. "fashion-mnist"
     */
    public static DataSplits load(Path dir, String name, int trainCount) {
        Map<MnistFile, Path> files = locate(dir);
        return IdxReader.readSplits(name, files.get(MnistFile.TRAIN_IMAGES), files.get(MnistFile.TRAIN_LABELS),
                files.get(MnistFile.TEST_IMAGES), files.get(MnistFile.TEST_LABELS), trainCount, -1);
    }

    /**
     * Loads {@code dir} keeping five sixths of the training images for training and the last
     * sixth for validation (50 000 / 10 000 for a 60 000-image training file).
     */
    public static DataSplits load(Path dir, String name) {
        Map<MnistFile, Path> files = locate(dir);
        int n = IdxReader.readHeader(files.get(MnistFile.TRAIN_IMAGES)).count();
        return load(dir, name, (int) (n * 5L / 6));
    }

    /**
     * Loads Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package: 50 000 training,
     * 10 000 validation and 10 000 test images.
     *
     * @throws DataUnavailableException when the package is not installed
     */
    public static DataSplits fashionMnist() {
        if (!Files.isDirectory(FASHION_MNIST_DEBIAN)) {
            throw new DataUnavailableException(FASHION_MNIST_DEBIAN, FASHION_MNIST_DEBIAN + ": Fashion-MNIST not found. "
                    + "Install it (`apt-get install dataset-fashion-mnist`), or load your own copy with "
                    + "IdxDirectory.load(dir, \"fashion-mnist\").");
        }
        return load(FASHION_MNIST_DEBIAN, "fashion-mnist", DataSplits.MNIST_TRAIN_COUNT);
    }
}
