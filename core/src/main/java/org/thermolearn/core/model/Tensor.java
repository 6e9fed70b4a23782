package org.thermolearn.core.model;

import java.util.Arrays;

/**
 * A named dense tensor read from a model file, widened to double, row-major (C order).
 *
 * @param name  the name in the file (e.g. {@code 0.weight})
 * @param shape the dimensions
 * @param data  the values, row-major; length = product of the shape
 */
public record Tensor(String name, int[] shape, double[] data) {

    public Tensor {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != data.length) throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " holds " + data.length + " values");
    }

    public int rank() { return shape.length; }

    /** "[64, 784]". */
    public String shapeString() { return Arrays.toString(shape); }

    /** The index of the first NaN or infinite value, or −1. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) if (!Double.isFinite(data[i])) return i;
        return -1;
    }
}
