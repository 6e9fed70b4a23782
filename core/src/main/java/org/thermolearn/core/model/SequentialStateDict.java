package org.thermolearn.core.model;

import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming convention of a PyTorch {@code nn.Sequential} of {@code nn.Linear} layers (and parameter-free
 * activations) as its {@code state_dict} stores it: {@code K.weight} of shape out × in and {@code K.bias} of
 * length out, K the module index (activations take indices too, so K is 0, 2, 4 … for Linear/Tanh/Linear/…).
 * An optional common prefix is allowed ({@code model.0.weight}). Layers are taken in increasing K; layer k+1 must
 * take as many inputs as layer k gives outputs. A missing bias is zero. The weight matrix nn.Linear stores
 * (rows = outputs) is exactly a block of ŵ (rows = receivers, theory.md §0.2), so no transpose is needed.
 * Activations are not in a state_dict: the caller gives them.
 */
public final class SequentialStateDict {

    private static final Pattern NAME = Pattern.compile("^(?:(.*)\\.)?(\\d+)\\.(weight|bias)$");

    private SequentialStateDict() { }

    /** The network of a state_dict read from {@code file}, with the given hidden and output activations. */
    public static Network toNetwork(Path file, Map<String, Tensor> tensors, Activation hidden, Activation output) {
        String fix = "; name tensors K.weight (out x in) and K.bias (out) as nn.Sequential's state_dict does";
        TreeMap<Integer, Tensor> weights = new TreeMap<>(), biases = new TreeMap<>();
        String prefix = null;
        for (Tensor t : tensors.values()) {
            Matcher m = NAME.matcher(t.name());
            if (!m.matches()) throw new ModelFormatException(file, "tensor '" + t.name() + "' does not follow the nn.Sequential naming" + fix);
            String p = m.group(1) == null ? "" : m.group(1);
            if (prefix == null) prefix = p;
            else if (!prefix.equals(p)) {
                throw new ModelFormatException(file, "tensor '" + t.name() + "' has prefix '" + p + "' but others '" + prefix
                        + "'; one nn.Sequential per file" + fix);
            }
            int k = Integer.parseInt(m.group(2));
            (m.group(3).equals("weight") ? weights : biases).put(k, t);
            int bad = t.firstNonFinite();
            if (bad >= 0) {
                throw new ModelFormatException(file, "tensor '" + t.name() + "' holds " + t.data()[bad] + " at flat index " + bad
                        + "; the model diverged or was damaged: save a finite checkpoint");
            }
        }
        for (int k : biases.keySet()) {
            if (!weights.containsKey(k)) throw new ModelFormatException(file, "tensor '" + biases.get(k).name() + "' has no matching weight" + fix);
        }
        if (weights.isEmpty()) throw new ModelFormatException(file, "holds no K.weight tensor" + fix);
        List<Integer> widths = new ArrayList<>();
        List<Tensor> ws = new ArrayList<>(weights.values());
        for (int i = 0; i < ws.size(); i++) {
            Tensor w = ws.get(i);
            if (w.rank() != 2) throw new ModelFormatException(file, "tensor '" + w.name() + "' has shape " + w.shapeString()
                    + "; a Linear weight is 2-D (out x in). Only fully connected layers are read" + fix);
            if (i == 0) widths.add(w.shape()[1]);
            else if (w.shape()[1] != widths.get(widths.size() - 1)) {
                throw new ModelFormatException(file, "shapes do not chain: '" + w.name() + "' is " + w.shapeString() + " and takes "
                        + w.shape()[1] + " inputs, but '" + ws.get(i - 1).name() + "' gives " + widths.get(widths.size() - 1)
                        + " outputs; the layers must form one chain in index order");
            }
            widths.add(w.shape()[0]);
        }
        NeuronLayout layout = NeuronLayout.of(widths.stream().mapToInt(Integer::intValue).toArray());
        List<Block> blocks = new ArrayList<>();
        double[] bias = new double[layout.n()];
        int k = 0;
        for (var e : weights.entrySet()) {
            Tensor w = e.getValue();
            blocks.add(new Block(k, k + 1, w.shape()[0], w.shape()[1], w.data().clone()));
            Tensor b = biases.get(e.getKey());
            if (b != null) {
                if (b.data().length != w.shape()[0] || b.rank() != 1) {
                    throw new ModelFormatException(file, "tensor '" + b.name() + "' has shape " + b.shapeString() + " but its layer has "
                            + w.shape()[0] + " outputs" + fix);
                }
                System.arraycopy(b.data(), 0, bias, layout.offset(k + 1), b.data().length);
            }
            k++;
        }
        return new Network(layout, new WeightMatrix(layout, blocks), bias, hidden, output);
    }

    /**
     * The state_dict of a layered network in the nn.Sequential naming, Linear modules at indices 0, 2, 4, … (an
     * activation module between each pair), float64; refuses networks with skip blocks, which no nn.Sequential holds.
     */
    public static Map<String, Tensor> fromNetwork(Network net) {
        NeuronLayout l = net.layout();
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (net.weights().blocks().size() != l.groupCount() - 1) {
            throw new IllegalArgumentException("this network has skip or extra blocks (" + net.weights().blocks().size() + " blocks for "
                    + l.groupCount() + " groups); an nn.Sequential state_dict holds only a chain of layers: export it as ONNX");
        }
        for (int g = 1; g < l.groupCount(); g++) {
            List<Block> into = net.weights().blocksInto(g);
            if (into.size() != 1 || into.get(0).from() != g - 1) {
                throw new IllegalArgumentException("group " + g + " is not fed by group " + (g - 1) + " alone; export it as ONNX");
            }
            Block b = into.get(0);
            int k = 2 * (g - 1);
            out.put(k + ".weight", new Tensor(k + ".weight", new int[]{b.rows(), b.cols()}, b.w().clone()));
            double[] bias = java.util.Arrays.copyOfRange(net.bias(), l.offset(g), l.offset(g + 1));
            out.put(k + ".bias", new Tensor(k + ".bias", new int[]{bias.length}, bias));
        }
        return out;
    }
}
