package org.thermolearn.experiments.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.thermolearn.experiments.cli.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermolearn export RUN --format FORMAT}: writes what a run holds in a format other tools
 * read. Each format is one {@link Format} constant with its own writer; add a constant to add a
 * format. The tidy formats ({@code csv}, {@code json}) write the run's tables, one table per
 * file ({@link TidyExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a run for other tools.",
                "Table formats: csv or json, tidy long format, one table per file: metrics (one row per checkpoint), spectra (one row per "
                        + "eigenvalue: checkpoint, epoch, step, space, index, ln_lambda, n_g, n_trivial) and columns (the data dictionary: "
                        + "type, unit, description and formula reference of every column). Readable with Python's csv or json module alone."})
public final class ExportCommand implements Callable<Integer> {

    /** The export formats. */
    public enum Format {
        CSV(".csv"), JSON(".json");

        final String extension;

        Format(String extension) { this.extension = extension; }

        static Format parse(String s) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(s.trim())) return f;
            throw new BadInputException("--format " + s + ": choose one of " + java.util.Arrays.stream(values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv or json")
    String format;

    @Option(names = "--output", paramLabel = "DIR", description = "directory for the table files (default RUN/export/<format>/); existing files are never overwritten")
    Path output;

    @Override
    public Integer call() throws Exception {
        Format f = Format.parse(format);
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist");
        Path out = output == null ? run.resolve("export").resolve(f.name().toLowerCase(Locale.ROOT)) : output;
        List<Path> written;
        try {
            written = switch (f) {
                case CSV -> TidyExport.export(run, out, TidyExport.Kind.CSV);
                case JSON -> TidyExport.export(run, out, TidyExport.Kind.JSON);
            };
        } catch (TidyExport.FileAlreadyThereException e) {
            throw new BadInputException(e.getMessage());
        }
        for (Path p : written) System.out.println("wrote " + p);
        return 0;
    }
}
