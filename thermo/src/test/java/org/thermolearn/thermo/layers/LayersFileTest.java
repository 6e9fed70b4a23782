package org.thermolearn.thermo.layers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.network.Network;
import org.thermolearn.core.network.NeuronLayout;
import org.thermolearn.core.network.WeightMatrix;
import org.thermolearn.thermo.record.LayersTable;
import org.thermolearn.thermo.record.LayersWriter;
import org.thermolearn.thermo.record.RunFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LayersFileTest {

    @Test
    void layersOfTwoCheckpointsRoundTrip(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        WeightMatrix w = WeightMatrix.zeros(NeuronLayout.of(20, 12, 8, 3), new int[]{0, 2});
        for (var b : w.blocks()) for (int i = 0; i < b.w().length; i++) b.w()[i] = r.nextGaussian();
        Network net = Network.tanh(w, new double[43]);
        List<LayerSpectrum> ls = LayerSpectra.of(net, EjmlLinalg.INSTANCE);
        assertEquals(4, ls.size());
        try (LayersWriter lw = LayersWriter.create(RunFiles.layers(dir), Map.of("architecture", "20-12-8-3+0>2"))) {
            lw.append(0, 0.0, 0, ls);
            lw.append(1, 1.0, 17, ls.subList(0, 2));
        }
        LayersTable t = LayersTable.read(RunFiles.layers(dir));
        assertEquals(2, t.batches());
        assertEquals(6, t.rows().size());
        assertEquals("20-12-8-3+0>2", t.metadata().get("architecture"));
        List<LayerSpectrum> back = t.checkpoint(0);
        for (int k = 0; k < 4; k++) {
            LayerSpectrum a = ls.get(k), b = back.get(k);
            assertArrayEquals(a.eigenvalues(), b.eigenvalues(), 0);
            assertEquals(a.fit(), b.fit());
            assertEquals(a.alphaHat(), b.alphaHat(), 0);
            assertEquals(a.stableRank(), b.stableRank(), 0);
            assertEquals(a.from(), b.from());
            assertEquals(a.to(), b.to());
        }
        assertEquals(3, back.get(3).to() - back.get(3).from() + 1); // the skip block 0 -> 2
        assertEquals(17, t.rows().get(5).step());
    }
}
