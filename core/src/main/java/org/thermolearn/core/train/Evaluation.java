package org.thermolearn.core.train;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.ForwardPass;
import org.thermolearn.core.network.Network;

/**
 * Accuracy (arg-max of the outputs against the label) and mean training loss of a network on a set
 * of samples, evaluated by the forward pass in chunks of {@value #CHUNK} rows (one gemm per block and chunk; a set of
 * at most one chunk is used in place).
 */
public record Evaluation(double accuracy, double meanLoss, int count) {

    private static final int CHUNK = 2000;

    public static Evaluation of(Network net, Samples s, Loss loss, Linalg la) {
        int nIn = s.nIn(), nOut = s.nOut();
        long correct = 0;
        double lossSum = 0;
        double[] delta = new double[CHUNK * nOut];
        for (int from = 0; from < s.count(); from += CHUNK) {
            int b = Math.min(CHUNK, s.count() - from);
            boolean whole = from == 0 && b == s.count(); // one chunk: the arrays as they are, no copy
            double[] x = whole ? s.inputs() : java.util.Arrays.copyOfRange(s.inputs(), from * nIn, (from + b) * nIn);
            double[] y = whole ? s.targets() : java.util.Arrays.copyOfRange(s.targets(), from * nOut, (from + b) * nOut);
            double[] out = ForwardPass.outputs(net, x, b, la);
            lossSum += loss.outputDelta(out, y, b, nOut, net.outputActivation(), delta);
            for (int i = 0; i < b; i++) {
                int arg = 0;
                for (int k = 1; k < nOut; k++) if (out[i * nOut + k] > out[i * nOut + arg]) arg = k;
                if (arg == s.labels()[from + i]) correct++;
            }
        }
        return new Evaluation(s.count() == 0 ? Double.NaN : (double) correct / s.count(),
                s.count() == 0 ? Double.NaN : lossSum / s.count(), s.count());
    }
}
