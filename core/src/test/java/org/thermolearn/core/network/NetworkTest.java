package org.thermolearn.core.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Network} and {@link Activation} written out by hand (PIT survivors, issue 18). */
class NetworkTest {

    private static Network net(double b1, double b2, Activation hidden, Activation out) {
        NeuronLayout l = NeuronLayout.of(1, 1, 1);
        return new Network(l, new WeightMatrix(l, List.of(new Block(0, 1, 1, 1, new double[]{0.5}), new Block(1, 2, 1, 1, new double[]{2}))),
                new double[]{0, b1, b2}, hidden, out);
    }

    @Test
    void fPrimeAtTheBiasTakesEachGroupsActivation() {
        Network n = net(0.3, -0.7, Activation.TANH, Activation.SIGMOID);
        double s = 1 / (1 + Math.exp(0.7));
        assertArrayEquals(new double[]{0, 1 - Math.tanh(0.3) * Math.tanh(0.3), s * (1 - s)}, n.fPrimeAtBias(), 1e-15);
        assertSame(Activation.TANH, n.activationOfNeuron(1));
        assertSame(Activation.SIGMOID, n.activationOfNeuron(2));
        assertSame(Activation.SIGMOID, n.activation(2));
        assertSame(Activation.TANH, Network.tanh(n.weights(), n.bias()).outputActivation());
        assertEquals("Network[1-1-1, 2 blocks, TANH/SIGMOID]", n.toString());
    }

    @Test
    void equalityCopiesAndNonFiniteValues() {
        Network a = net(0.3, -0.7, Activation.TANH, Activation.SIGMOID);
        Network c = a.copy();
        assertEquals(a, c);
        assertEquals(a.hashCode(), c.hashCode());
        c.weights().blocks().get(1).w()[0] = 2.5;
        assertNotEquals(a, c, "a copy has its own arrays");
        assertEquals(2.0, a.weights().blocks().get(1).w()[0]);
        assertNotEquals(a, net(0.3, -0.6, Activation.TANH, Activation.SIGMOID));
        assertNotEquals(a, net(0.3, -0.7, Activation.SIGMOID, Activation.SIGMOID));
        assertNotEquals(a, net(0.3, -0.7, Activation.TANH, Activation.TANH));
        assertNotEquals(a, new Network(NeuronLayout.of(1, 1, 1), WeightMatrix.zeros(NeuronLayout.of(1, 1, 1)), a.bias(), Activation.TANH,
                Activation.SIGMOID));
        assertNotEquals(a, "a network");
        assertFalse(a.hasNonFinite());
        assertTrue(net(Double.NaN, 0, Activation.TANH, Activation.TANH).hasNonFinite());
        Network inf = a.copy();
        inf.weights().blocks().get(0).w()[0] = Double.POSITIVE_INFINITY;
        assertTrue(inf.hasNonFinite());
        var e = assertThrows(IllegalArgumentException.class, () -> new Network(NeuronLayout.of(1, 1, 1),
                WeightMatrix.zeros(NeuronLayout.of(1, 1, 1)), new double[]{0.5, 0, 0}, Activation.TANH, Activation.TANH));
        assertTrue(e.getMessage().contains("inputs carry no bias"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Network(NeuronLayout.of(1, 1, 1),
                WeightMatrix.zeros(NeuronLayout.of(1, 1, 1)), new double[2], Activation.TANH, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new Network(NeuronLayout.of(1, 2, 1),
                WeightMatrix.zeros(NeuronLayout.of(1, 1, 1)), new double[4], Activation.TANH, Activation.TANH));
    }

    @Test
    void activationsInPlaceAndByName() {
        double[] z = {-1, 0.5, 2, -3};
        Activation.SIGMOID.applyInPlace(z, 1, 2);
        assertArrayEquals(new double[]{-1, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2)), -3}, z, 1e-15);
        double[] r = {-1, 0.5, -2, 3};
        Activation.RELU.applyInPlace(r, 0, 3);
        assertArrayEquals(new double[]{0, 0.5, 0, 3}, r, 0);
        double[] t = {0.05, -0.5, 25};
        Activation.TANH.applyInPlace(t, 0, 3);
        assertArrayEquals(new double[]{Math.tanh(0.05), Math.tanh(-0.5), 1.0}, t, 1e-16);
        double[] id = {1, 2};
        Activation.IDENTITY.applyInPlace(id, 0, 2);
        assertArrayEquals(new double[]{1, 2}, id, 0);
        // the branch points of the fast tanh: 0.1 and 19.1
        for (double x : new double[]{0.1, -0.1, Math.nextDown(0.1), 19.1, Math.nextUp(19.1), -19.1}) {
            assertEquals(Math.tanh(x), Activation.tanh(x), 4 * Math.ulp(Math.tanh(x)), "tanh " + x);
        }
        assertSame(Activation.SOFTPLUS, Activation.parse(" SoftPlus "));
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertTrue(e.getMessage().contains("choose one of tanh, sigmoid"), e.getMessage());
    }
}
