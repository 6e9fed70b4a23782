package org.thermolearn.thermo;

import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Test networks: the reference file and seeded random tanh nets. */
final class Nets {
    private Nets() { }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> reference() {
        try (InputStream in = Nets.class.getResourceAsStream("/thermo-reference.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> root = (Map<String, Object>) Json.parse(text);
            return (List<Map<String, Object>>) root.get("networks");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Network fromReference(Map<String, Object> j) {
        List<Object> sz = (List<Object>) j.get("sizes");
        int[] sizes = sz.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
        NeuronLayout layout = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        for (Object bo : (List<Object>) j.get("blocks")) {
            Map<String, Object> b = (Map<String, Object>) bo;
            int from = ((Double) b.get("from")).intValue(), to = ((Double) b.get("to")).intValue();
            List<Object> rows = (List<Object>) b.get("w");
            int r = sizes[to], c = sizes[from];
            double[] w = new double[r * c];
            for (int i = 0; i < r; i++) {
                List<Object> row = (List<Object>) rows.get(i);
                for (int k = 0; k < c; k++) w[i * c + k] = (Double) row.get(k);
            }
            blocks.add(new Block(from, to, r, c, w));
        }
        double[] bias = new double[layout.n()];
        List<Object> bl = (List<Object>) j.get("bias");
        for (int g = 1; g < sizes.length; g++) {
            List<Object> bg = (List<Object>) bl.get(g);
            for (int i = 0; i < sizes[g]; i++) bias[layout.offset(g) + i] = (Double) bg.get(i);
        }
        return Network.tanh(new WeightMatrix(layout, blocks), bias);
    }

    /** A layered tanh net with weights N(0, scale²/n_from), biases N(0, biasScale²), plus optional skip edges. */
    static Network random(long seed, double scale, double biasScale, int[] sizes, int[]... skips) {
        SplittableRandom rng = new SplittableRandom(seed);
        NeuronLayout layout = NeuronLayout.of(sizes);
        List<Block> blocks = new ArrayList<>();
        List<int[]> edges = new ArrayList<>();
        for (int g = 0; g + 1 < sizes.length; g++) edges.add(new int[]{g, g + 1});
        for (int[] s : skips) edges.add(s);
        for (int[] e : edges) {
            int r = sizes[e[1]], c = sizes[e[0]];
            double[] w = new double[r * c];
            double sd = scale / Math.sqrt(c);
            for (int k = 0; k < w.length; k++) w[k] = sd * gauss(rng);
            blocks.add(new Block(e[0], e[1], r, c, w));
        }
        double[] bias = new double[layout.n()];
        for (int i = layout.nIn(); i < layout.n(); i++) bias[i] = biasScale * gauss(rng);
        return Network.tanh(new WeightMatrix(layout, blocks), bias);
    }

    static double gauss(SplittableRandom rng) {
        double u = rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
