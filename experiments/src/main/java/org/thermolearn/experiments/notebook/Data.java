package org.thermolearn.experiments.notebook;

import java.nio.file.Path;
import java.util.Locale;

import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.data.IdxDirectory;
import org.thermolearn.core.data.MnistRepository;
import org.thermolearn.core.train.Samples;

/**
 * A data set as the trainer consumes it: training, validation and test samples with one-hot targets
 * (low/high target values, {0, 1} by default). Made by {@link ThermoLearn#mnist(int)} (MNIST, fetched and
 * verified into the user cache on first use) or {@link ThermoLearn#idx(Path, int)} (any IDX directory).
 */
public final class Data {

    private final String name;
    private final Samples train, validation, test;

    private Data(String name, Samples train, Samples validation, Samples test) {
        this.name = name;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    static Data mnist(Path dir, int trainCount) {
        return of(MnistRepository.locate(dir).load(trainCount), 0, 1);
    }

    static Data idx(Path dir, int trainCount) {
        return of(IdxDirectory.load(dir, dir.getFileName().toString(), trainCount), 0, 1);
    }

    static Data of(DataSplits s, double low, double high) {
        return new Data(s.train().name(), samples(s.train(), low, high), samples(s.validation(), low, high), samples(s.test(), low, high));
    }

    private static Samples samples(Dataset d, double low, double high) {
        return new Samples(d.images(), d.oneHot(low, high), d.labels(), d.count(), d.features(), d.classes());
    }

    /** The training samples. */
    public Samples train() { return train; }

    /** The validation samples (held out of the training set; may be empty). */
    public Samples validation() { return validation; }

    /** The test samples. */
    public Samples test() { return test; }

    /** A copy with only the first {@code n} test samples (faster evaluation in notebooks). */
    public Data withTestCount(int n) {
        return new Data(name, train, validation, test.slice(0, Math.min(n, test.count())));
    }

    /** Input width (784 for MNIST). */
    public int inputs() { return train.nIn(); }

    /** Number of classes (10 for MNIST). */
    public int classes() { return train.nOut(); }

    public String name() { return name; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d training, %d validation, %d test samples, %d inputs, %d classes",
                name, train.count(), validation.count(), test.count(), inputs(), classes());
    }
}
