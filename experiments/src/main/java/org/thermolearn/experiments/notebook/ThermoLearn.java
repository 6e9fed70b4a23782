package org.thermolearn.experiments.notebook;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.thermolearn.core.linalg.Linalg;

/**
 * The one entry point for notebooks and other JVM code: {@code import org.thermolearn.experiments.notebook.*;}
 * and everything starts here.
 *
 * <pre>{@code
 * Data data = ThermoLearn.mnist(10_000);                         // MNIST, fetched + verified on first use
 * Net net = ThermoLearn.net("784-100-10").seed(1).build();        // train in memory …
 * net.train(data, 3);
 * Analysis a = net.analyse(1.0);                                  // Z, S, C, spectrum at β = 1
 * Figure.histogram("ln λ", "ln λ", 60).add("trained", a.all().lnLambda()).show();
 *
 * Run run = ThermoLearn.run("784-100-10").epochs(2).trainCount(10_000).bulkSamples(500).execute();   // … or record a run
 * Run old = ThermoLearn.open("runs/mnist-784-100-10-tanh-…");                // open a run directory
 * old.heatMap(Space.ALL).show();
 *
 * Sweep sweep = ThermoLearn.sweep("sweeps/depth/collected.arrow").finals();   // a sweep's collected table
 * sweep.plot("param_depth", "c_gt_1_all", "param_learning_rate").show();
 * }</pre>
 *
 * <p>The classes: {@link Data} (samples), {@link Net} (a network with its trainer), {@link Analysis} and
 * {@link Thermo} (thermodynamics of a snapshot per integration {@link Space}, with exact identity
 * {@link Check}s), {@link Run} (a recorded run directory), {@link Table} and {@link Sweep} (Arrow tables),
 * {@link Figure} (charts shown inline).
 */
public final class ThermoLearn {

    private static volatile Linalg linalg;

    static {
        // the same logging path as the command line (netlib's java.util.logging through SLF4J)
        org.thermolearn.experiments.Logging.install();
    }

    private ThermoLearn() { }

    // ------------------------------------------------------------------ data

    /** MNIST with the first {@code trainCount} of the 60 000 training images for training (the rest validate). */
    public static Data mnist(int trainCount) { return Data.mnist(null, trainCount); }

    /** MNIST with the standard 50 000 / 10 000 / 10 000 split. */
    public static Data mnist() { return mnist(50_000); }

    /** Any IDX directory (MNIST layout, raw or .gz; e.g. Fashion-MNIST). */
    public static Data idx(Path dir, int trainCount) { return Data.idx(dir, trainCount); }

    // ------------------------------------------------------------------ networks and runs

    /** A new network, e.g. {@code net("784-100-10")} or with skip edges {@code net("784-100-100-10+0>2")}. */
    public static Net.Builder net(String architecture) { return new Net.Builder(architecture); }

    /** A recorded run (the CLI's {@code thermolearn run}); configure, then {@link Run.Builder#execute()}. */
    public static Run.Builder run(String architecture) { return new Run.Builder(architecture); }

    /** Opens a run directory made by {@code thermolearn run} or {@link #run(String)}. */
    public static Run open(Path runDir) { return Run.open(runDir); }

    /** Opens a run directory. */
    public static Run open(String runDir) { return Run.open(Path.of(runDir)); }

    // ------------------------------------------------------------------ models trained elsewhere

    /**
     * Analyses a saved network ({@code .onnx}, or a {@code .npz}/{@code .safetensors} nn.Sequential state_dict with tanh
     * hidden and identity output neurons) like {@code thermolearn analyse MODEL}: writes runs/analyse-&lt;model&gt; and returns
     * the spectra, per-layer metrics and the table; {@code result.table()} prints it, {@code open(result.directory())} opens it as a run.
     */
    public static org.thermolearn.experiments.analyse.ModelAnalysis.Result analyse(Path model) {
        return analyse(org.thermolearn.experiments.analyse.ModelAnalysis.Request.of(model));
    }

    /** {@link #analyse(Path)} with every choice of the command line (activations, data, samples, output, figures). */
    public static org.thermolearn.experiments.analyse.ModelAnalysis.Result analyse(org.thermolearn.experiments.analyse.ModelAnalysis.Request request) {
        try {
            return org.thermolearn.experiments.analyse.ModelAnalysis.run(request, linalg());
        } catch (IOException e) {
            throw new UncheckedIOException("analysing " + request.model() + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ tables

    /** Reads any Arrow IPC stream file (metrics.arrow, collected.arrow, …) into a {@link Table}. */
    public static Table table(Path file) { return Table.read(file); }

    /** Reads a sweep's collected table: the file itself or the sweep directory holding {@code collected.arrow}. */
    public static Sweep sweep(Path fileOrDir) { return Sweep.read(fileOrDir); }

    /** Reads a sweep's collected table. */
    public static Sweep sweep(String fileOrDir) { return Sweep.read(Path.of(fileOrDir)); }

    // ------------------------------------------------------------------ display

    /**
     * Shows an image: inline (a PNG display) inside the rapaio Java kernel, else writes it as a PNG in the
     * temporary directory and prints the path.
     */
    public static void show(BufferedImage image) {
        Method display = Figure.kernelDisplay();
        if (display != null) {
            try {
                display.invoke(null, image);
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("thermolearn: the kernel could not display the image (" + e + "); writing a PNG instead");
            }
        }
        try {
            Path f = Files.createTempFile("thermolearn-figure-", ".png");
            ImageIO.write(image, "png", f.toFile());
            System.out.println("figure written to " + f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when running inside the rapaio Java kernel (figures then show inline). */
    public static boolean inNotebook() { return Figure.kernelDisplay() != null; }

    /** The linear-algebra backend shared by the facade: native BLAS/LAPACK when available, else EJML. */
    public static Linalg linalg() {
        Linalg l = linalg;
        if (l == null) {
            synchronized (ThermoLearn.class) {
                if (linalg == null) linalg = Linalg.auto();
                l = linalg;
            }
        }
        return l;
    }
}
