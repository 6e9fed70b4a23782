package org.thermolearn.core.data;

/**
 * The three data sets of a run: training, validation (held out from the training file) and test.
 * For MNIST the default is the first 50 000 training images for training, the last 10 000 for
 * validation, and the 10 000 test images.
 *
 * @param train      images the network learns from
 * @param validation images held out from the training file, for model selection; may be empty
 * @param test       the separate test file
 */
public record DataSplits(Dataset train, Dataset validation, Dataset test) {

    /** Images of the MNIST training file kept for training by default; the rest validate. */
    public static final int MNIST_TRAIN_COUNT = 50_000;

    public DataSplits {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("train, validation and test must all be given (validation may be empty)");
        }
        if (train.features() != test.features() || train.features() != validation.features()
                || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train, validation and test differ in shape: " + train + ", " + validation
                    + ", " + test);
        }
    }

    /**
     * Splits {@code training} into its first {@code trainCount} images (training) and the rest
     * (validation); {@code test} is kept whole. Deterministic: no shuffling.
     */
    public static DataSplits of(Dataset training, Dataset test, int trainCount) {
        Dataset.Partition p = training.split(trainCount);
        return new DataSplits(p.train(), p.validation(), test);
    }
}
