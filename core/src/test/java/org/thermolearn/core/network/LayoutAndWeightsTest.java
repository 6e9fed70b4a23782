package org.thermolearn.core.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NeuronLayout} and {@link WeightMatrix} bookkeeping written out by hand (PIT survivors, issue 18). */
class LayoutAndWeightsTest {

    @Test
    void layoutCountsOffsetsGroupsAndProjectors() {
        NeuronLayout l = NeuronLayout.parse(" 3-2 -4");
        assertEquals("3-2-4", l.toString());
        assertEquals(NeuronLayout.of(3, 2, 4), l);
        assertEquals(NeuronLayout.of(3, 2, 4).hashCode(), l.hashCode());
        assertNotEquals(NeuronLayout.of(3, 4, 2), l);
        assertNotEquals(l, "3-2-4");
        assertEquals(9, l.n());
        assertEquals(6, l.r());
        assertEquals(2, l.hiddenCount());
        assertEquals(4, l.nOut());
        assertArrayEquals(new int[]{3, 2, 4}, l.sizes());
        assertEquals(5, l.offset(2));
        int[] expectedGroup = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        for (int i = 0; i < 9; i++) assertEquals(expectedGroup[i], l.groupOf(i), "neuron " + i);
        assertThrows(IndexOutOfBoundsException.class, () -> l.groupOf(9));
        assertThrows(IndexOutOfBoundsException.class, () -> l.groupOf(-1));
        assertArrayEquals(new double[]{1, 1, 1, 0, 0, 0, 0, 0, 0}, l.inputProjector());
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 1, 1, 1, 1}, l.outputProjector());
        var bad = assertThrows(IllegalArgumentException.class, () -> NeuronLayout.parse("3-x-4"));
        assertTrue(bad.getMessage().contains("'x' is not a width"), bad.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> NeuronLayout.of(3, 0, 4));
        assertTrue(zero.getMessage().contains("group 1 has width 0"), zero.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> NeuronLayout.of(3));
        assertTrue(one.getMessage().contains("at least an input and an output group"), one.getMessage());
    }

    @Test
    void weightBlocksZerosDenseFormAndCounts() {
        NeuronLayout l = NeuronLayout.of(2, 1, 2);
        WeightMatrix z = WeightMatrix.zeros(l, new int[]{0, 2});
        assertEquals(3, z.blocks().size());
        assertEquals(2 + 2 + 4, z.parameterCount());
        assertEquals(2, z.blocksInto(2).size());
        assertEquals(List.of(0, 0), z.blocksFrom(0).stream().map(Block::from).toList());
        assertEquals(2, z.blocksFrom(0).size());
        assertEquals(1, z.blocksFrom(1).size());
        assertEquals(0, z.blocksInto(0).size());
        WeightMatrix w = new WeightMatrix(l, List.of(new Block(0, 1, 1, 2, new double[]{1, 2}), new Block(1, 2, 2, 1, new double[]{3, 4})));
        double[][] d = w.toDense();
        double[][] expected = {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 2, 0, 0, 0}, {0, 0, 3, 0, 0}, {0, 0, 4, 0, 0}};
        for (int i = 0; i < 5; i++) assertArrayEquals(expected[i], d[i], 0, "row " + i);
        assertArrayEquals(new double[]{0, 0, 1 * 0.5 + 2 * -1, 3 * 7, 4 * 7}, w.multiply(new double[]{0.5, -1, 7, 0, 0}), 0);
        assertEquals(3, w.levels());
        var dup = assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(l, List.of(new Block(0, 1, 1, 2, new double[2]),
                new Block(0, 1, 1, 2, new double[2]))));
        assertTrue(dup.getMessage().contains("given twice"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(l, List.of(new Block(0, 3, 1, 2, new double[2]))));
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(l, List.of(new Block(1, 0, 2, 1, new double[2]))));
        assertThrows(IllegalArgumentException.class, () -> new WeightMatrix(l, List.of(new Block(0, 1, 2, 2, new double[4]))));
    }

    @Test
    void nilpotencyFollowsCyclesOfNonZeroBlocks() {
        NeuronLayout l = NeuronLayout.of(1, 1, 1, 1);
        Block b01 = new Block(0, 1, 1, 1, new double[]{1});
        Block b12 = new Block(1, 2, 1, 1, new double[]{1});
        Block b23 = new Block(2, 3, 1, 1, new double[]{1});
        assertTrue(new WeightMatrix(l, List.of(b01, b12, b23)).isNilpotent());
        // a backward block that is zero keeps ŵ nilpotent; a non-zero one closing a cycle does not
        assertTrue(new WeightMatrix(l, List.of(b01, b12, b23, new Block(3, 2, 1, 1, new double[]{0}))).isNilpotent());
        assertFalse(new WeightMatrix(l, List.of(b01, b12, b23, new Block(3, 2, 1, 1, new double[]{0.5}))).isNilpotent());
        assertFalse(new WeightMatrix(l, List.of(b01, b12, b23, new Block(3, 1, 1, 1, new double[]{0.5}))).isNilpotent());
        // backward but acyclic: 3 -> 1 without any path 1 -> 3
        assertTrue(new WeightMatrix(l, List.of(b01, new Block(3, 1, 1, 1, new double[]{0.5}))).isNilpotent());
        // a self loop
        assertFalse(new WeightMatrix(l, List.of(b01, new Block(2, 2, 1, 1, new double[]{0.5}))).isNilpotent());
        assertFalse(new WeightMatrix(l, List.of(b01, new Block(3, 1, 1, 1, new double[]{0.5}))).isFeedForward());
        assertThrows(IllegalStateException.class, () -> new WeightMatrix(l, List.of(b01, new Block(3, 1, 1, 1, new double[]{0.5}))).levels());
    }
}
