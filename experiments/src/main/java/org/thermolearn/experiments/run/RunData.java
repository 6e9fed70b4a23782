package org.thermolearn.experiments.run;

import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.data.IdxDirectory;
import org.thermolearn.core.data.MnistRepository;
import org.thermolearn.core.train.Samples;
import org.thermolearn.experiments.config.ConfigException;
import org.thermolearn.experiments.config.RunConfig;

import java.nio.file.Path;

/**
 * The data of one run as the trainer consumes it: training, validation and test samples with one-hot
 * targets, and the fixed subset of the training set over which U_∂ (S3) and U (S4) are averaged.
 */
public record RunData(String source, Samples train, Samples validation, Samples test, Samples lossSubset) {

    /**
     * Loads the data a config names: a directory of IDX files (any dataset: MNIST, Fashion-MNIST,
     * synthetic) when {@code dataDir} holds them, else MNIST from $THERMOLEARN_DATA or the user cache,
     * fetched on first use.
     */
    public static RunData load(RunConfig c) {
        DataSplits s = splits(c);
        double[] t = c.targetValues();
        Samples train = samples(s.train(), t);
        if (c.trainCount() > train.count()) {
            throw new ConfigException("trainCount", c.trainCount(), "the data set has only " + train.count() + " training images");
        }
        Samples validation = samples(s.validation(), t);
        if (c.validationCount() < validation.count()) validation = validation.slice(0, c.validationCount());
        Samples test = samples(s.test(), t);
        if (c.testCount() > 0 && c.testCount() < test.count()) test = test.slice(0, c.testCount());
        int m = Math.min(c.bulkSamples(), train.count());
        return new RunData(s.train().name(), train, validation, test, train.slice(0, m));
    }

    private static DataSplits splits(RunConfig c) {
        if (c.dataDir() != null) {
            Path dir = Path.of(c.dataDir());
            try {
                IdxDirectory.locate(dir);
                return IdxDirectory.load(dir, dir.getFileName().toString(), c.trainCount());
            } catch (org.thermolearn.core.data.DataUnavailableException e) {
                // not a complete IDX directory: treat it as the MNIST cache to fill
            }
        }
        MnistRepository repo = MnistRepository.locate(c.dataDir() == null ? null : Path.of(c.dataDir()));
        return repo.load(c.trainCount());
    }

    private static Samples samples(Dataset d, double[] t) {
        return new Samples(d.images(), d.oneHot(t[0], t[1]), d.labels(), d.count(), d.features(), d.classes());
    }
}
