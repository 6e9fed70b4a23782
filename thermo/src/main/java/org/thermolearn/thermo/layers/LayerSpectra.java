package org.thermolearn.thermo.layers;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.network.Block;
import org.thermolearn.core.network.Network;

import java.util.ArrayList;
import java.util.List;

/** The {@link LayerSpectrum} of every block of ŵ of a snapshot, in block order. */
public final class LayerSpectra {

    private LayerSpectra() { }

    public static List<LayerSpectrum> of(Network net, Linalg la) {
        List<Block> blocks = net.weights().blocks();
        List<LayerSpectrum> out = new ArrayList<>(blocks.size());
        for (int k = 0; k < blocks.size(); k++) out.add(LayerSpectrum.of(k, blocks.get(k), la));
        return List.copyOf(out);
    }
}
