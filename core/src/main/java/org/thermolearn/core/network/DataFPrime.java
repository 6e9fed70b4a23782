package org.thermolearn.core.network;

import org.thermolearn.core.linalg.Linalg;

/** The diagonal of F′ averaged over the data fixed points (theory.md §9 A2, option b), for Ĝ at the data instead of at the bias. */
public final class DataFPrime {

    private DataFPrime() { }

    /**
     * (1/B) Σ_s f′(z_i(x_s)) for every non-input neuron i over the B samples {@code inputs} (B × n_in, row-major),
     * from the forward pass (its fixed point, P10); 0 on input neurons.
     */
    public static double[] mean(Network net, double[] inputs, int batch, Linalg la) {
        var l = net.layout();
        double[] fp = new double[l.n()];
        double[][] a = ForwardPass.run(net, inputs, batch, la);
        for (int g = 1; g < l.groupCount(); g++) {
            var f = net.activation(g);
            int ng = l.size(g), o = l.offset(g);
            for (int s = 0; s < batch; s++) for (int j = 0; j < ng; j++) fp[o + j] += f.dfFromValue(a[g][s * ng + j]);
        }
        for (int i = l.nIn(); i < fp.length; i++) fp[i] /= batch;
        return fp;
    }
}
