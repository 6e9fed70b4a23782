package org.thermolearn.core.loss;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.thermolearn.core.linalg.EjmlLinalg;
import org.thermolearn.core.linalg.Linalg;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boundary (S3) and bulk (S4) losses against the independent numpy/scipy reference (thermo-reference.json). */
@Tag("essential")
class ReferenceLossTest {

    private static final Linalg LA = EjmlLinalg.INSTANCE;

    @TestFactory
    List<DynamicTest> losses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Reference.Net ref : Reference.load()) {
            tests.add(DynamicTest.dynamicTest(ref.name(), () -> check(ref)));
        }
        assertEquals(5, tests.size(), "reference networks");
        return tests;
    }

    private static void check(Reference.Net ref) {
        int nOut = ref.network().layout().nOut();
        BoundaryLossResult b = BoundaryLoss.evaluate(ref.network(), ref.inputs(), ref.targets(), LA);
        BulkLossResult bulk = new BulkLoss(LA, BulkLossOptions.DEFAULT.withHiddenStates(true))
                .evaluate(ref.network(), ref.inputs(), ref.targets());
        assertTrue(bulk.allConverged(), ref.name() + ": every sample reaches gtol: stalled " + bulk.stalled() + ", capped " + bulk.notConverged() + ", grad " + java.util.Arrays.toString(bulk.gradInf()) + ", evals " + bulk.iterations() + " values " + java.util.Arrays.toString(bulk.perSample()));
        assertTrue(bulk.maxGradInf() <= 1e-9, ref.name() + ": final gradient " + bulk.maxGradInf());
        // the default (Gauss–Newton directions) and the L-BFGS directions reach the same minima
        BulkLossResult lbfgs = new BulkLoss(LA, BulkLossOptions.DEFAULT.withMethod(BulkLossOptions.Method.LBFGS))
                .evaluate(ref.network(), ref.inputs(), ref.targets());
        assertTrue(lbfgs.maxGradInf() <= 1e-9, ref.name() + ": L-BFGS final gradient " + lbfgs.maxGradInf());
        for (int s = 0; s < ref.samples().size(); s++) {
            assertEquals(lbfgs.perSample()[s], bulk.perSample()[s], 1e-9, ref.name() + " sample " + s + ": Gauss-Newton vs L-BFGS");
        }
        for (int s = 0; s < ref.samples().size(); s++) {
            Reference.Sample r = ref.samples().get(s);
            String at = ref.name() + " sample " + s;
            for (int j = 0; j < nOut; j++) {
                assertEquals(r.forwardOutput()[j], b.outputs()[s * nOut + j], 1e-12, at + ": forward output " + j);
            }
            assertEquals(r.boundaryLoss(), b.perSample()[s], 1e-12, at + ": boundary loss (S3)");
            // the start of the minimisation is the forward pass, where (S4) equals (S3)
            assertEquals(b.perSample()[s], bulk.start()[s], 0.0, at + ": start value = boundary loss");
            double h = bulk.perSample()[s];
            assertTrue(h <= r.bulkLoss() + 1e-9, at + ": bulk " + h + " above the reference minimum " + r.bulkLoss());
            assertTrue(h >= r.bulkLoss() - 1e-6, at + ": bulk " + h + " far below the reference " + r.bulkLoss()
                    + " (a different local minimum?)");
            assertTrue(h <= b.perSample()[s], at + ": P6");
        }
    }
}
