package org.thermolearn.core.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The independent numpy/scipy reference of thermo-reference.json (test resource, byte-identical copy of shared/reference). */
final class Reference {

    record Sample(double[] input, double[] target, double[] forwardOutput, double boundaryLoss, double bulkLoss,
                  double bulkGradInf) { }

    record Net(String name, Network network, List<Sample> samples) {
        double[] inputs() { return concat(samples.stream().map(Sample::input).toList()); }
        double[] targets() { return concat(samples.stream().map(Sample::target).toList()); }
    }

    private Reference() { }

    static List<Net> load() {
        try (InputStream in = Reference.class.getResourceAsStream("/thermo-reference.json")) {
            if (in == null) throw new IllegalStateException("test resource thermo-reference.json is missing");
            JsonNode root = new ObjectMapper().readTree(in);
            List<Net> nets = new ArrayList<>();
            for (JsonNode n : root.get("networks")) nets.add(net(n));
            return nets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Net net(JsonNode n) {
        if (!"tanh".equals(n.get("activation").asText())) throw new IllegalStateException("unexpected activation in " + n.get("name"));
        int[] sizes = new int[n.get("sizes").size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = n.get("sizes").get(i).asInt();
        NeuronLayout l = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        for (JsonNode b : n.get("blocks")) {
            int from = b.get("from").asInt(), to = b.get("to").asInt();
            JsonNode w = b.get("w");
            int rows = w.size(), cols = w.get(0).size();
            double[] flat = new double[rows * cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) flat[i * cols + j] = w.get(i).get(j).asDouble();
            blocks.add(new Block(from, to, rows, cols, flat));
        }
        double[] bias = new double[l.n()];
        JsonNode bj = n.get("bias");
        for (int g = 1; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) bias[l.offset(g) + i] = bj.get(g).get(i).asDouble();
        }
        Network net = new Network(l, new WeightMatrix(l, blocks), bias, Activation.TANH, Activation.TANH);
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : n.get("samples")) {
            samples.add(new Sample(vec(s.get("input")), vec(s.get("target")), vec(s.get("forward_output")),
                    s.get("boundary_loss").asDouble(), s.get("bulk_loss").asDouble(), s.get("bulk_grad_inf").asDouble()));
        }
        return new Net(n.get("name").asText(), net, samples);
    }

    private static double[] vec(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    static double[] concat(List<double[]> parts) {
        int len = 0;
        for (double[] p : parts) len += p.length;
        double[] r = new double[len];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }
}
