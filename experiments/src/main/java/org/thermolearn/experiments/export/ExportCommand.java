package org.thermolearn.experiments.export;

import org.thermolearn.core.network.Network;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.thermo.record.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code thermolearn export RUN --format FORMAT}: writes what a run holds in a format other tools
 * read. Each format is one {@link Format} constant with its own writer; add a constant to add a
 * format. Model formats ({@code onnx}, {@code npz}) write one checkpoint's network ({@link ModelExport});
 * table formats ({@code csv}, {@code json}) write the run's tables, one table per file ({@link TidyExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a run for other tools.",
                "Model formats (a checkpoint's network): onnx (opset 13, float64; any DAG of blocks), npz (numpy.savez of an nn.Sequential "
                        + "state_dict, Linear modules at 0, 2, 4, ...; layered nets only); --output is a FILE.",
                "Table formats: csv or json, tidy long format, one table per file: metrics (one row per checkpoint), spectra (one row per "
                        + "eigenvalue: checkpoint, epoch, step, space, index, ln_lambda, n_g, n_trivial) and columns (the data dictionary: "
                        + "type, unit, description and formula reference of every column); --output is a DIR. Readable with Python's csv "
                        + "or json module alone."})
public final class ExportCommand implements Callable<Integer> {

    /** The export formats. */
    public enum Format {
        ONNX(".onnx", true), NPZ(".npz", true), CSV(".csv", false), JSON(".json", false);

        final String extension;
        final boolean model;

        Format(String extension, boolean model) {
            this.extension = extension;
            this.model = model;
        }

        static Format parse(String s) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(s.trim())) return f;
            throw new BadInputException("--format " + s + ": choose one of " + java.util.Arrays.stream(values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory (thermolearn run or thermolearn analyse)")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx, npz, csv or json")
    String format;

    @Option(names = "--checkpoint", description = "model formats: checkpoint index (default: the last)")
    Long checkpoint;

    @Option(names = "--output", paramLabel = "PATH",
            description = "model formats: the file to write (must not exist; default RUN/export/ckpt-<K>.<ext>); "
                    + "table formats: the directory for the table files (default RUN/export/<format>/); nothing is ever overwritten")
    Path output;

    @Override
    public Integer call() throws Exception {
        Format f = Format.parse(format);
        if (!Files.isDirectory(run)) throw new BadInputException("run directory " + run + " does not exist");
        return f.model ? model(f) : tables(f);
    }

    private int model(Format f) throws Exception {
        RunReader r = RunReader.open(run);
        List<Long> cps = r.checkpoints();
        if (cps.isEmpty()) throw new BadInputException(run + " holds no checkpoints; export needs a run directory with checkpoints/ckpt-<K>.arrow");
        long k = checkpoint == null ? cps.get(cps.size() - 1) : checkpoint;
        if (!cps.contains(k)) throw new BadInputException("checkpoint " + k + " is not in " + run + "; it has " + cps);
        Path out = output == null ? run.resolve("export").resolve("ckpt-" + k + f.extension) : output;
        if (Files.exists(out)) throw new BadInputException(out + " already exists; nothing is overwritten: choose another --output");
        Network net = r.checkpoint(k).network();
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        switch (f) {
            case ONNX -> ModelExport.onnx(net, out);
            case NPZ -> ModelExport.npz(net, out);
            default -> throw new IllegalStateException(f + " is not a model format");
        }
        System.out.println("wrote " + out + " (" + net.layout() + ", checkpoint " + k + ", " + f.name().toLowerCase(Locale.ROOT) + ")");
        if (f == Format.NPZ) System.out.println("load in PyTorch: m = " + ModelExport.sequentialHint(net) + "; then load the arrays as its state_dict");
        return 0;
    }

    private int tables(Format f) throws Exception {
        if (checkpoint != null) throw new BadInputException("--checkpoint applies to the model formats (onnx, npz); " + f.name().toLowerCase(Locale.ROOT)
                + " exports every checkpoint's rows: leave --checkpoint out");
        Path out = output == null ? run.resolve("export").resolve(f.name().toLowerCase(Locale.ROOT)) : output;
        List<Path> written;
        try {
            written = TidyExport.export(run, out, f == Format.CSV ? TidyExport.Kind.CSV : TidyExport.Kind.JSON);
        } catch (TidyExport.FileAlreadyThereException e) {
            throw new BadInputException(e.getMessage());
        }
        for (Path p : written) System.out.println("wrote " + p);
        return 0;
    }
}
