package org.thermolearn.experiments.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.core.data.SyntheticIdx;

/**
 * The notebook facade end to end on a small synthetic IDX data set (6×6 images, 3 classes): training,
 * analysis and identity checks, figures, a recorded run read back, and a collected sweep table.
 */
class NotebookFacadeTest {

    @TempDir
    static Path tmp;
    static Path idx;

    @BeforeAll
    static void data() throws Exception {
        idx = tmp.resolve("synthetic");
        new SyntheticIdx(7, 6, 6, 3).writeDirectory(idx, 400, 100, false);
    }

    @Test
    void trainsAnalysesAndChecksTheIdentities() {
        Data d = ThermoLearn.idx(idx, 300);
        assertEquals(36, d.inputs());
        assertEquals(3, d.classes());
        Net shallow = ThermoLearn.net("36-8-3").seed(2).learningRate(0.2).build().quiet();
        Analysis before = shallow.analyse();
        shallow.train(d, 2);
        assertEquals(2, shallow.epochs());
        assertEquals(2, shallow.history().size());
        // accuracy = fraction of test images whose largest output is the label, counted here from a forward pass
        var test = d.test();
        double[][] act = org.thermolearn.core.network.ForwardPass.run(shallow.network(), test.inputs(), test.count(),
                org.thermolearn.core.linalg.EjmlLinalg.INSTANCE);
        double[] out = act[act.length - 1];
        int right = 0;
        for (int i = 0; i < test.count(); i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) if (out[i * 3 + k] > out[i * 3 + best]) best = k;
            if (best == test.labels()[i]) right++;
        }
        assertEquals((double) right / test.count(), shallow.accuracy(d), 1e-15);
        assertTrue(shallow.accuracy(d) > 0.5, "two epochs on 3 separable classes beat chance (1/3): " + shallow.accuracy(d));

        Analysis a = shallow.analyse(2.0);
        Thermo all = a.all();
        assertEquals(2.0, all.beta());
        assertEquals(47, all.nG());
        assertEquals(11, a.clamped().nG());
        assertTrue(Math.abs(all.sumLnLambda()) < 1e-10, "P2");
        // C_>(1) = -1/2 sum of the positive ln lambda (S21), from the spectrum the facade hands out
        double cGt1 = 0;
        for (double y : shallow.spectrum(Space.ALL)) if (y > 0) cGt1 -= 0.5 * y;
        assertEquals(cGt1, all.complexity(), 1e-10);
        assertTrue(cGt1 < -0.1, "a trained net has eigenvalues above 1: C = " + cGt1);
        assertTrue(Double.isFinite(all.lnZ()) && Double.isFinite(all.entropy()) && Double.isFinite(all.s0()));
        assertEquals(a.clamped().skewness(), 0.0, 1e-10, "P4: the clamped one-hidden-layer spectrum is symmetric");
        assertFalse(before.all().summary().isBlank());

        List<Check> checks = a.checks();
        Set<String> ids = new TreeSet<>();
        for (Check c : checks) {
            ids.add(c.id());
            assertTrue(c.pass(), c.toString());
            assertTrue(c.toString().startsWith("CHECK ") && c.toString().endsWith("PASS"), c.toString());
        }
        assertEquals(Set.of("P13", "P2", "P4", "S33", "S34"), ids);

        Analysis deep = ThermoLearn.net("36-8-8-3").seed(2).build().quiet().train(d, 1).analyse();
        for (Check c : deep.checks()) {
            assertTrue(c.pass(), c.toString());
            assertFalse(c.id().equals("P4"), "no symmetry check for a deep net");
        }
        assertTrue(deep.clamped().raw().spectrum().checks().s33Eigen() < 0, "(S33) < 0 with two consecutive weight layers");

        // mass term: Σ ln λ > 0 (P2, second half); the kinetic identities still hold
        assertTrue(shallow.analyse(1.0, 0.1).all().sumLnLambda() > 0);
        assertEquals(shallow.spectrum(Space.CLAMPED).length, a.clamped().nNontrivial());
    }

    @Test
    void figuresRenderAndShowOutsideANotebookWritesAPng() throws Exception {
        assertFalse(ThermoLearn.inNotebook());
        Figure h = Figure.histogram("h", "ln λ", 20).add("a", new double[]{-1, 0, 1, Double.NaN}).add("b", new double[]{0.5, 0.7});
        BufferedImage img = h.image();
        assertEquals(Figure.WIDTH, img.getWidth());
        Path png = h.save(tmp.resolve("fig/h.png"));
        assertTrue(Files.size(png) > 1000);
        Figure l = Figure.lines("l", "x", "y").add("s", new double[]{1, 2, 3}, new double[]{1, Double.NaN, 3}).logY();
        assertNotNull(l.image());
        l.show(); // no kernel: writes a temporary PNG
        assertThrows(IllegalStateException.class, () -> l.add("x", new double[]{1}));
    }

    @Test
    void recordsARunReadsItBackAndCollectsASweep() {
        Run r1 = smallRun(0.1, "run-a");
        assertEquals("done", r1.status());
        assertTrue(r1.columns().contains("c_gt_1_all"));
        assertEquals(List.of(0L, 1L, 2L), r1.checkpoints());
        long last = r1.checkpoints().get(2);
        double[] y = r1.spectrum(last, Space.ALL);
        assertTrue(y.length > 0);
        double recomputed = r1.network(last).analyse().all().complexity();
        assertEquals(r1.column("c_gt_1_all")[2], recomputed, 1e-9);
        for (Figure f : List.of(r1.heatMap(Space.ALL), r1.heatMap(Space.CLAMPED), r1.accuracy(), r1.complexity(), r1.plot("losses", "u_boundary", "u_bulk"))) {
            assertNotNull(f.image());
        }
        assertTrue(r1.summary().contains("c_gt_1_all"));
        assertEquals(3, r1.table().rowCount());

        Run r2 = smallRun(0.3, "run-b");
        Sweep s = Sweep.collect(tmp.resolve("sweep/collected.arrow"), List.of(r1, r2));
        assertEquals(6, s.rowCount());
        assertEquals(List.of("param_learning_rate"), s.params());
        assertEquals("sweep_collected", s.metadata().get("thermolearn.kind"));
        Sweep fin = s.finals();
        assertEquals(2, fin.rowCount());
        assertEquals(2.0, fin.doubles("epoch")[0]);
        assertEquals(2, ThermoLearn.sweep(tmp.resolve("sweep")).finals().rowCount(), "a sweep directory is read too");
        assertNotNull(fin.plot("param_learning_rate", "c_gt_1_all", null).image());
        assertNotNull(s.plot("epoch", "c_gt_1_all", "task_id").image());
        assertTrue(fin.print("task_id", "param_learning_rate", "c_gt_1_all").contains("run-b"));
        assertEquals(3, s.only("task_id", "run-a").rowCount());
        assertThrows(IllegalArgumentException.class, () -> s.doubles("no_such_column"));
    }

    @Test
    void numbersPrintShort() {
        assertEquals("0.05", Table.format(0.05));
        assertEquals("0.2", Table.format(0.2));
        assertEquals("2", Table.format(2.0));
        assertEquals("-49.18", Table.format(-49.18));
        assertEquals("1.2346e-05", Table.format(1.23456e-5));
        assertEquals("NaN", Table.format(Double.NaN));
    }

    private static Run smallRun(double lr, String name) {
        return ThermoLearn.run("36-8-3").set("dataDir", idx.toString()).learningRate(lr).epochs(2).trainCount(300)
                .set("validationCount", 50).bulkSamples(40).checkpoints("0,1,2").output(tmp.resolve(name)).execute();
    }
}
