package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.core.train.Samples;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@code fprimeAt: data} (A2 (b)): f′ averaged over the data fixed points, against a plain numpy forward
 * pass (fprime-data-reference.json, written by tests/python/make_reference_extra.py) that evaluates f′ at
 * the pre-activations z. A tanh hidden group and a sigmoid output group, so f′ taken at the activation
 * value instead of z, or with the wrong group's activation, both miss by far more than the tolerance.
 */
@Tag("essential")
class DataFPrimeTest {

    @Test
    void meanFPrimeAtDataMatchesTheNumpyForwardPass() throws Exception {
        JsonNode j;
        try (InputStream in = DataFPrimeTest.class.getResourceAsStream("/fprime-data-reference.json")) {
            j = new ObjectMapper().readTree(in);
        }
        int[] sizes = new int[j.get("sizes").size()];
        for (int g = 0; g < sizes.length; g++) sizes[g] = j.get("sizes").get(g).asInt();
        NeuronLayout layout = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        for (JsonNode b : j.get("blocks")) {
            int from = b.get("from").asInt(), to = b.get("to").asInt(), r = sizes[to], c = sizes[from];
            double[] w = new double[r * c];
            for (int i = 0; i < r; i++) for (int k = 0; k < c; k++) w[i * c + k] = b.get("w").get(i).get(k).asDouble();
            blocks.add(new Block(from, to, r, c, w));
        }
        double[] bias = new double[layout.n()];
        for (int g = 1; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) bias[layout.offset(g) + i] = j.get("bias").get(g).get(i).asDouble();
        }
        Network net = new Network(layout, new WeightMatrix(layout, blocks), bias,
                Activation.parse(j.get("hidden").asText()), Activation.parse(j.get("output").asText()));
        int count = j.get("inputs").size(), nIn = sizes[0], nOut = layout.nOut();
        double[] x = new double[count * nIn];
        for (int s = 0; s < count; s++) for (int k = 0; k < nIn; k++) x[s * nIn + k] = j.get("inputs").get(s).get(k).asDouble();
        Samples sub = new Samples(x, new double[count * nOut], new int[count], count, nIn, nOut);
        double[] expected = new double[layout.n()];
        for (int i = 0; i < expected.length; i++) expected[i] = j.get("fprime_at_data").get(i).asDouble();

        assertArrayEquals(expected, TrainingRun.meanFPrimeAtData(net, sub, EjmlLinalg.INSTANCE), 1e-14);
        assertArrayEquals(expected, TrainingRun.meanFPrimeAtData(net, sub.slice(0, count), EjmlLinalg.INSTANCE), 1e-14);
    }
}
