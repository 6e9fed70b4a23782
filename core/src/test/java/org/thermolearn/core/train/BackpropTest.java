package org.thermolearn.core.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Activation;
import org.thermolearn.core.network.Architecture;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Back-propagated gradients against central finite differences, for every loss and activation. */
class BackpropTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation h : Activation.values()) {
            b.add(Arguments.of(Loss.SQUARED_ERROR, h, Activation.TANH, false));
            b.add(Arguments.of(Loss.SQUARED_ERROR, h, Activation.TANH, true));
        }
        b.add(Arguments.of(Loss.SQUARED_ERROR, Activation.TANH, Activation.SIGMOID, true));
        b.add(Arguments.of(Loss.SQUARED_ERROR, Activation.TANH, Activation.IDENTITY, false));
        b.add(Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.TANH, Activation.SIGMOID, false));
        b.add(Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, Activation.SIGMOID, true));
        b.add(Arguments.of(Loss.SOFTMAX_CROSS_ENTROPY, Activation.TANH, Activation.IDENTITY, true));
        return b.build();
    }

    @ParameterizedTest(name = "{0} hidden={1} out={2} skip={3}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Loss loss, Activation hidden, Activation out, boolean skip) {
        Architecture a = new Architecture(NeuronLayout.of(5, 4, 3, 3), skip ? List.of(new int[]{0, 2}, new int[]{1, 3}) : List.of(), hidden, out);
        Network net = Initialization.normal(1.5).create(a, 17);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 5; i < net.bias().length; i++) net.bias()[i] = 0.4 * (r.nextDouble() - 0.5) + (hidden == Activation.RELU ? 0.2 : 0);
        int batch = 4;
        double[] x = new double[batch * 5];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
        int[] labels = {0, 2, 1, 2};
        Samples s = Samples.oneHot(x, labels, 5, 3, 0, 1);
        Backprop bp = new Backprop(loss, EjmlLinalg.INSTANCE);
        bp.compute(net, x, s.targets(), batch);
        double h = 1e-6;
        List<Block> blocks = net.weights().blocks();
        for (int k = 0; k < blocks.size(); k++) {
            double[] w = blocks.get(k).w();
            for (int i = 0; i < w.length; i++) {
                double old = w[i];
                w[i] = old + h;
                double lp = meanLoss(net, s, loss);
                w[i] = old - h;
                double lm = meanLoss(net, s, loss);
                w[i] = old;
                assertEquals((lp - lm) / (2 * h), bp.gradW()[k][i], 1e-7, "block " + k + " entry " + i);
            }
        }
        double[] bias = net.bias();
        for (int i = 5; i < bias.length; i++) {
            double old = bias[i];
            bias[i] = old + h;
            double lp = meanLoss(net, s, loss);
            bias[i] = old - h;
            double lm = meanLoss(net, s, loss);
            bias[i] = old;
            assertEquals((lp - lm) / (2 * h), bp.gradB()[i], 1e-7, "bias " + i);
        }
    }

    private static double meanLoss(Network net, Samples s, Loss loss) {
        return Evaluation.of(net, s, loss, EjmlLinalg.INSTANCE).meanLoss();
    }
}
