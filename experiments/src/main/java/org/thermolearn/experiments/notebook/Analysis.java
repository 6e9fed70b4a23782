package org.thermolearn.experiments.notebook;

import java.util.ArrayList;
import java.util.List;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.thermo.SpaceAnalysis;
import org.thermolearn.thermo.ThermoAnalysisResult;

/**
 * The thermodynamics of one network snapshot in each analysed integration space (theory.md §3):
 * {@link #all()} and {@link #clamped()} give the per-space {@link Thermo}. Made by {@link Net#analyse()}.
 */
public final class Analysis {

    private final Network network;
    private final ThermoAnalysisResult result;
    private final Linalg la;

    Analysis(Network network, ThermoAnalysisResult result, Linalg la) {
        this.network = network;
        this.result = result;
        this.la = la;
    }

    /** The all-N space (every neuron integrated, §9 A1 default). */
    public Thermo all() { return in(Space.ALL); }

    /** The clamped space (inputs fixed, the R non-input neurons integrated). */
    public Thermo clamped() { return in(Space.CLAMPED); }

    /** The given space; throws if it was not analysed. */
    public Thermo in(Space space) {
        return new Thermo(network, result.get(space.toIntegrationSpace()), la);
    }

    /** Every analysed space. */
    public List<Thermo> spaces() {
        List<Thermo> t = new ArrayList<>();
        for (SpaceAnalysis s : result.spaces()) t.add(new Thermo(network, s, la));
        return t;
    }

    /** The exact identities (P2, P4, P13, S33, S34) in every analysed space. */
    public List<Check> checks() {
        List<Check> c = new ArrayList<>();
        for (Thermo t : spaces()) c.addAll(t.checks());
        return c;
    }

    /** The thermo package's result, with every scalar ({@link ThermoAnalysisResult#columns()}). */
    public ThermoAnalysisResult raw() { return result; }

    /** Seconds the analysis took. */
    public double seconds() { return result.seconds(); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Thermo t : spaces()) b.append(t).append('\n');
        return b.toString().strip();
    }
}
