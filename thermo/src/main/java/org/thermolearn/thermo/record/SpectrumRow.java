package org.thermolearn.thermo.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of {@code spectra.arrow}: the non-trivial spectrum of G (S11, theory §8) of one
 * checkpoint in one integration space, as the logarithms ln λ of its non-trivial eigenvalues,
 * with the count of trivial (λ = 1) eigenvalues left out.
 *
 * @param checkpoint checkpoint index (0, 1, 2, … in recording order)
 * @param epoch      training epoch at the checkpoint (fractional for mid-epoch checkpoints)
 * @param step       optimizer steps taken
 * @param space      integration space, {@value #ALL} or {@value #CLAMPED}
 * @param nG         dimension of G in this space
 * @param nTrivial   number of trivial eigenvalues not listed
 * @param lnLambda   the non-trivial ln λ (owned by the row; not copied)
 */
public record SpectrumRow(long checkpoint, double epoch, long step, String space, long nG, long nTrivial, double[] lnLambda) {

    /** Integration over all N neurons (A1a, the default). */
    public static final String ALL = "all";
    /** Inputs clamped: integration over the R non-input (hidden and output) neurons (A1b). */
    public static final String CLAMPED = "clamped";

    public SpectrumRow {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(lnLambda, "lnLambda");
        if (space.isEmpty()) throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " has an empty space name");
        if (nTrivial < 0 || nG < 0) {
            throw new IllegalArgumentException("spectrum row of checkpoint " + checkpoint + " (" + space + "): n_g = " + nG
                    + ", n_trivial = " + nTrivial + " must be non-negative");
        }
    }

    /** Bitwise equality of every field, ln λ included (NaN payloads and signed zeros matter). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SpectrumRow r)) return false;
        if (checkpoint != r.checkpoint || step != r.step || nG != r.nG || nTrivial != r.nTrivial
                || Double.doubleToRawLongBits(epoch) != Double.doubleToRawLongBits(r.epoch) || !space.equals(r.space)
                || lnLambda.length != r.lnLambda.length) return false;
        for (int i = 0; i < lnLambda.length; i++) {
            if (Double.doubleToRawLongBits(lnLambda[i]) != Double.doubleToRawLongBits(r.lnLambda[i])) return false;
        }
        return true;
    }

    @Override
    public int hashCode() { return Objects.hash(checkpoint, space, nTrivial) * 31 + Arrays.hashCode(lnLambda); }

    @Override
    public String toString() {
        return "SpectrumRow[checkpoint=" + checkpoint + ", epoch=" + epoch + ", step=" + step + ", space=" + space
                + ", n_g=" + nG + ", n_trivial=" + nTrivial + ", " + lnLambda.length + " ln λ]";
    }
}
