package org.thermolearn.experiments.analyse;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.cli.RouteFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code thermolearn analyse MODEL}: see {@link ModelAnalysis}. */
@Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse a saved network (ONNX, NumPy .npz or safetensors state_dict of an nn.Sequential MLP): the spectrum of G,",
                "its thermodynamics and per-layer weight spectra (WeightWatcher's alpha, alpha-hat, norms, stable rank), written as a",
                "run directory (metrics.arrow, spectra.arrow, layers.arrow, figures/) with a table on the terminal.",
                ".npz/.safetensors: tensors K.weight (out x in) and K.bias in module order; activations from --activation/--output-activation.",
                ".onnx: Gemm or MatMul+Add with Tanh/Sigmoid/Relu/Softplus/Identity and Add skip connections; activations from the graph."})
public final class AnalyseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file: .onnx, .npz or .safetensors")
    Path model;

    @Option(names = "--activation", defaultValue = "tanh", description = "hidden activation for .npz/.safetensors: tanh, sigmoid, relu, softplus, identity (default ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--output-activation", defaultValue = "identity", description = "output activation for .npz/.safetensors (default ${DEFAULT-VALUE}: logits)")
    String outputActivation;

    @Option(names = "--data", paramLabel = "DIR", description = "IDX data directory (MNIST layout): adds U_∂, U, test accuracy, T̂ and takes f′ averaged at the data (A2)")
    Path data;

    @Option(names = "--samples", defaultValue = "500", description = "training images over which U_∂, U and f′ are averaged (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--output", paramLabel = "DIR", description = "output directory (must not exist or be empty; default runs/analyse-<model>)")
    Path output;

    @Option(names = "--no-figures", description = "skip the PNG figures")
    boolean noFigures;

    @Mixin
    RouteFlags routeFlags = new RouteFlags();

    @Option(names = "--linalg", defaultValue = "auto", description = "auto, native or java")
    String linalg;

    @Override
    public Integer call() throws Exception {
        Activation h = parse(activation, "--activation"), o = parse(outputActivation, "--output-activation");
        ModelAnalysis.Result r = ModelAnalysis.run(new ModelAnalysis.Request(model, h, o, data, samples, output, !noFigures,
                routeFlags.choice()), Linalg.select(linalg));
        System.out.print(r.table());
        return 0;
    }

    private static Activation parse(String s, String flag) {
        try {
            return Activation.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + " " + s + ": " + e.getMessage() + " (softmax is not component-wise, A14: analyse the logits)");
        }
    }
}
