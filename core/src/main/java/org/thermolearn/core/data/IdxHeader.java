package org.thermolearn.core.data;

import java.util.Arrays;

/**
 * The header of an IDX file: element type and dimensions. The magic number is
 * {@code 0x0000TTNN} with TT the type byte and NN the number of dimensions; each dimension then
 * follows as a big-endian 32-bit integer. MNIST images are {@code 0x00000803} [n, 28, 28], MNIST
 * labels {@code 0x00000801} [n].
 *
 * @param type element type
 * @param dims dimensions, outermost (the sample count) first; not copied, treat as read-only
 */
public record IdxHeader(IdxType type, int[] dims) {

    public IdxHeader {
        if (type == null || dims == null || dims.length == 0) {
            throw new IllegalArgumentException("an IDX header needs a type and at least one dimension");
        }
    }

    /** The 32-bit magic number this header is written with. */
    public int magic() {
        return magic(type, dims.length);
    }

    /** The magic number for a type and a number of dimensions. */
    public static int magic(IdxType type, int ndim) {
        return (type.code() << 8) | ndim;
    }

    /** Bytes taken by the header: 4 for the magic number plus 4 per dimension. */
    public int headerBytes() {
        return 4 + 4 * dims.length;
    }

    /** Number of elements: the product of the dimensions. */
    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Bytes of data after the header. */
    public long dataBytes() {
        return elementCount() * type.bytes();
    }

    /** The first dimension: the number of samples. */
    public int count() {
        return dims[0];
    }

    /** Dimensions written as "60000×28×28". */
    public String shape() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }

    /** The magic number written as 0x00000803. */
    public static String hex(int magic) {
        return String.format("0x%08X", magic);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxHeader h && h.type == type && Arrays.equals(h.dims, dims);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "IdxHeader[" + hex(magic()) + " " + type + " " + shape() + "]";
    }
}
