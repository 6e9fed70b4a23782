package org.thermolearn.experiments.export;

import org.thermolearn.core.model.Npz;
import org.thermolearn.core.model.Onnx;
import org.thermolearn.core.model.SequentialStateDict;
import org.thermolearn.core.network.Network;
import org.thermolearn.experiments.cli.BadInputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a network of a run so that other tools open it: ONNX (opset 13, float64; {@link Onnx#write}) or a NumPy
 * .npz state_dict of an nn.Sequential (Linear modules at 0, 2, 4 …, float64; {@link SequentialStateDict#fromNetwork}).
 */
public final class ModelExport {

    private ModelExport() { }

    public static void onnx(Network net, Path file) throws IOException {
        Onnx.write(net, file, "thermolearn");
    }

    public static void npz(Network net, Path file) throws IOException {
        try {
            Npz.write(file, SequentialStateDict.fromNetwork(net));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The PyTorch module that loads an exported .npz: {@code nn.Sequential(Linear, Tanh, …, Linear[, act])}. */
    public static String sequentialHint(Network net) {
        StringBuilder b = new StringBuilder("nn.Sequential(");
        var l = net.layout();
        for (int g = 1; g < l.groupCount(); g++) {
            if (g > 1) b.append(", ");
            b.append("nn.Linear(").append(l.size(g - 1)).append(", ").append(l.size(g)).append(").double()");
            String a = torchName(net.activation(g));
            if (a != null) b.append(", nn.").append(a).append("()");
        }
        return b.append(")").toString();
    }

    private static String torchName(org.thermolearn.core.network.Activation a) {
        return switch (a) {
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case RELU -> "ReLU";
            case SOFTPLUS -> "Softplus";
            case IDENTITY -> null;
        };
    }
}
