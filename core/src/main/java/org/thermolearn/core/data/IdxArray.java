package org.thermolearn.core.data;

import java.nio.file.Path;

/**
 * The full content of one IDX file: its header and the raw big-endian element bytes, with
 * accessors that decode any {@link IdxType}.
 *
 * @param source the file it was read from (for messages)
 * @param header type and dimensions
 * @param data   the element bytes after the header, exactly {@code header.dataBytes()} long; not
 *               copied, treat as read-only
 */
public record IdxArray(Path source, IdxHeader header, byte[] data) {

    public IdxArray {
        if (header == null || data == null || data.length != header.dataBytes()) {
            throw new IllegalArgumentException("IDX data of " + source + " has " + (data == null ? "no" : data.length)
                    + " bytes, its header " + header + " needs " + (header == null ? "?" : header.dataBytes()));
        }
    }

    /** Number of samples: the first dimension. */
    public int count() {
        return header.count();
    }

    /** Number of elements in the file. */
    public int size() {
        return (int) header.elementCount();
    }

    /** Element {@code i} (flat, row-major) as a double, whatever the element type. */
    public double get(int i) {
        int b = i * header.type().bytes();
        return switch (header.type()) {
            case UNSIGNED_BYTE -> data[i] & 0xFF;
            case SIGNED_BYTE -> data[i];
            case SHORT -> (short) (((data[b] & 0xFF) << 8) | (data[b + 1] & 0xFF));
            case INT -> intAt(b);
            case FLOAT -> Float.intBitsToFloat(intAt(b));
            case DOUBLE -> Double.longBitsToDouble(((long) intAt(b) << 32) | (intAt(b + 4) & 0xFFFFFFFFL));
        };
    }

    /** All elements as doubles, unscaled. */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** All elements as ints; only for the integer types. */
    public int[] toInts() {
        if (header.type() == IdxType.FLOAT || header.type() == IdxType.DOUBLE) {
            throw new DataFormatException(source, source + ": element type: expected an integer type for labels, found "
                    + header.type() + ". Check that this is a label file.");
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) get(i);
        }
        return out;
    }

    private int intAt(int b) {
        return ((data[b] & 0xFF) << 24) | ((data[b + 1] & 0xFF) << 16) | ((data[b + 2] & 0xFF) << 8) | (data[b + 3] & 0xFF);
    }
}
