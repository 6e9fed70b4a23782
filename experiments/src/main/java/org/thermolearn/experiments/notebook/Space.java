package org.thermolearn.experiments.notebook;

import org.thermolearn.thermo.operator.IntegrationSpace;

/**
 * The integration space of the state vector (theory.md §9 A1): {@link #ALL} integrates all N neurons
 * (the default of the paper's plots), {@link #CLAMPED} only the R non-input neurons (inputs clamped to
 * the data, §1.2). "Shallow" is relative to the space (§5.4 item 3).
 */
public enum Space {
    ALL(IntegrationSpace.ALL),
    CLAMPED(IntegrationSpace.CLAMPED);

    private final IntegrationSpace space;

    Space(IntegrationSpace s) { this.space = s; }

    /** The thermo package's space. */
    public IntegrationSpace toIntegrationSpace() { return space; }

    /** "all" or "clamped", as in column names and spectra.arrow. */
    public String label() { return space.label(); }

    /** Parses "all" / "clamped" (any case). */
    public static Space parse(String s) {
        for (Space v : values()) if (v.label().equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) return v;
        throw new IllegalArgumentException("unknown space '" + s + "'; use all or clamped");
    }
}
