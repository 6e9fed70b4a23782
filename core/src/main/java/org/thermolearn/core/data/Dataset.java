package org.thermolearn.core.data;

import java.util.Arrays;

/**
 * A labelled image data set held in memory: {@code count} images of {@code rows × cols} pixels,
 * stored row-major in one flat array (image i occupies {@code [i·features, (i+1)·features)}),
 * pixel values in [0, 1], and one class label per image. These are the input vectors x_in and
 * the targets of the boundary loss (theory.md (S3)).
 *
 * <p>The arrays are shared, not copied, so that a 60 000-image set is not duplicated; treat them
 * as read-only. Methods that return parts ({@link #subset}, {@link #select}, {@link #split}) copy.
 *
 * @param name    human-readable origin, e.g. "mnist/train"
 * @param images  pixels, {@code count × rows·cols}, row-major
 * @param labels  class of each image, in [0, classes)
 * @param rows    image height
 * @param cols    image width
 * @param classes number of classes
 */
public record Dataset(String name, double[] images, int[] labels, int rows, int cols, int classes) {

    public Dataset {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("dataset " + name + ": images and labels must not be null");
        }
        if (rows <= 0 || cols <= 0 || classes <= 0) {
            throw new IllegalArgumentException("dataset " + name + ": rows, cols and classes must be positive, got "
                    + rows + ", " + cols + ", " + classes);
        }
        if ((long) labels.length * rows * cols != images.length) {
            throw new IllegalArgumentException("dataset " + name + ": " + labels.length + " labels need "
                    + (long) labels.length * rows * cols + " pixels (" + rows + "×" + cols + " each), got " + images.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ")");
            }
        }
    }

    /**
     * Builds a data set from unsigned-byte pixels (0…255), scaling them by 1/255 into [0, 1].
     */
    public static Dataset fromUnsignedBytes(String name, byte[] pixels, int[] labels, int rows, int cols, int classes) {
        return fromUnsignedBytes(name, pixels, labels, 0, labels.length, rows, cols, classes);
    }

    /**
     * Builds a data set from images {@code [from, to)} of unsigned-byte pixels (0…255) and their
     * labels, scaling the pixels by 1/255 into [0, 1]; only that range is converted.
     */
    public static Dataset fromUnsignedBytes(String name, byte[] pixels, int[] labels, int from, int to,
                                            int rows, int cols, int classes) {
        int f = rows * cols;
        if (from < 0 || to > labels.length || from > to || (long) labels.length * f != pixels.length) {
            throw new IllegalArgumentException("dataset " + name + ": cannot take images [" + from + ", " + to + ") of "
                    + labels.length + " labels and " + pixels.length + " pixels (" + rows + "×" + cols + " each)");
        }
        double[] x = new double[(to - from) * f];
        int base = from * f;
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[base + i] & 0xFF) / 255.0;
        }
        return new Dataset(name, x, java.util.Arrays.copyOfRange(labels, from, to), rows, cols, classes);
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Pixels per image, {@code rows · cols} (784 for MNIST): the input width n_in. */
    public int features() {
        return rows * cols;
    }

    /** A copy of image {@code i}'s pixels. */
    public double[] image(int i) {
        int f = features();
        return Arrays.copyOfRange(images, i * f, (i + 1) * f);
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** One-hot targets with 0 for the other classes and 1 for the true class. */
    public double[] oneHot() {
        return oneHot(0.0, 1.0);
    }

    /**
     * One-hot targets, row-major {@code count × classes}: {@code high} at the true class,
     * {@code low} elsewhere, e.g. (0, 1) for sigmoid outputs or (−1, +1) for tanh outputs.
     */
    public double[] oneHot(double low, double high) {
        double[] t = new double[labels.length * classes];
        if (low != 0.0) {
            Arrays.fill(t, low);
        }
        for (int i = 0; i < labels.length; i++) {
            t[i * classes + labels[i]] = high;
        }
        return t;
    }

    /** Images {@code [from, to)} as a new data set (copied). */
    public Dataset subset(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IndexOutOfBoundsException("dataset " + name + " has " + count() + " images; cannot take ["
                    + from + ", " + to + ")");
        }
        int f = features();
        return new Dataset(name + "[" + from + ":" + to + "]", Arrays.copyOfRange(images, from * f, to * f),
                Arrays.copyOfRange(labels, from, to), rows, cols, classes);
    }

    /** The images at the given indices, in that order, as a new data set (copied). */
    public Dataset select(int[] indices) {
        int f = features();
        double[] x = new double[indices.length * f];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= count()) {
                throw new IndexOutOfBoundsException("dataset " + name + " has " + count() + " images; index " + i);
            }
            System.arraycopy(images, i * f, x, k * f, f);
            y[k] = labels[i];
        }
        return new Dataset(name + "[selection of " + indices.length + "]", x, y, rows, cols, classes);
    }

    /**
     * Splits deterministically into the first {@code trainCount} images and the rest, e.g. the
     * 60 000 MNIST training images into 50 000 for training and 10 000 for validation.
     */
    public Partition split(int trainCount) {
        if (trainCount < 0 || trainCount > count()) {
            throw new IllegalArgumentException("dataset " + name + " has " + count() + " images; cannot keep "
                    + trainCount + " for training; choose a count in [0, " + count() + "]");
        }
        return new Partition(subset(0, trainCount).withName(name + "/train"),
                subset(trainCount, count()).withName(name + "/validation"));
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }

    /** The same data under another name (arrays shared). */
    public Dataset withName(String newName) {
        return new Dataset(newName, images, labels, rows, cols, classes);
    }

    /**
     * Two parts of a data set.
     *
     * @param train      the first part
     * @param validation the rest
     */
    public record Partition(Dataset train, Dataset validation) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && d.rows == rows && d.cols == cols && d.classes == classes
                && name.equals(d.name) && Arrays.equals(d.labels, labels) && Arrays.equals(d.images, images);
    }

    @Override
    public int hashCode() {
        return ((name.hashCode() * 31 + Arrays.hashCode(labels)) * 31 + rows) * 31 + cols;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ": " + count() + " images " + rows + "×" + cols + ", " + classes + " classes]";
    }
}
