package org.thermolearn.experiments.run;

import org.thermolearn.core.data.DataSplits;
import org.thermolearn.core.data.Dataset;
import org.thermolearn.core.train.Samples;
import org.thermolearn.experiments.config.ConfigException;
import org.thermolearn.experiments.config.RunConfig;


/**
 * The data of one run as the trainer consumes it: training, validation and test samples with one-hot
 * targets, and the fixed subset of the training set over which U_∂ (S3) and U (S4) are averaged.
 */
public record RunData(String source, Samples train, Samples validation, Samples test, Samples lossSubset, DataSource location) {

    /**
     * Loads the data a config names: a directory of IDX files (any dataset: MNIST, Fashion-MNIST,
     * synthetic) when {@code dataDir} is set, else MNIST from $THERMOLEARN_DATA or the user cache,
     * fetched on first use into the cache only ({@link DataSource}).
     */
    public static RunData load(RunConfig c) {
        DataSource where = DataSource.resolve(c.dataDir());
        DataSplits s = where.load(c.trainCount());
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
        return new RunData(s.train().name(), train, validation, test, train.slice(0, m), where);
    }

    private static Samples samples(Dataset d, double[] t) {
        return new Samples(d.images(), d.oneHot(t[0], t[1]), d.labels(), d.count(), d.features(), d.classes());
    }
}
