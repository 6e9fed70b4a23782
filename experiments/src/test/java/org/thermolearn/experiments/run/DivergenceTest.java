package org.thermolearn.experiments.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runaway-loss rule ({@link Divergence.Runaway}): a transient above 4·L₀ is training, a lasting one is not. */
class DivergenceTest {

    static final double L0 = 0.5;

    @Test
    void aTransientSpikeThatRecoversIsNeverFlagged() {
        var r = new Divergence.Runaway(L0, 0);
        double[] catapult = {10 * L0, 8 * L0, 0.9 * L0, 0.4 * L0, 6 * L0, 5 * L0, 0.3 * L0, 0.2 * L0};
        for (int e = 0; e < catapult.length; e++) assertNull(r.afterEpoch(e + 1, catapult[e], e == catapult.length - 1), "epoch " + (e + 1));
        assertEquals(0, r.above());
    }

    @Test
    void aLossThatStaysAboveForTheWindowIsARunaway() {
        var r = new Divergence.Runaway(L0, 0);
        assertNull(r.afterEpoch(1, 5 * L0, false));
        assertNull(r.afterEpoch(2, 7 * L0, false));
        String why = r.afterEpoch(3, 9 * L0, false);
        assertNotNull(why);
        assertTrue(why.startsWith("runaway loss: training loss 4.50 above 4 times the initial network's 0.500 for 3 epoch(s) without recovering"), why);
    }

    @Test
    void exactlyAtTheThresholdIsNotAbove() {
        var r = new Divergence.Runaway(L0, 0);
        for (int e = 1; e <= 10; e++) assertNull(r.afterEpoch(e, Divergence.LOSS_FACTOR * L0, e == 10));
    }

    @Test
    void aLossStillAboveAtTheLastEpochIsARunawayEvenBeforeTheWindowEnds() {
        var r = new Divergence.Runaway(L0, 0);
        assertNull(r.afterEpoch(1, 0.4, false));
        String why = r.afterEpoch(2, 100, true);
        assertNotNull(why);
        assertTrue(why.endsWith("for 1 epoch(s), to the last epoch"), why);
    }

    @Test
    void theCountCarriedByACheckpointContinuesOnResume() {
        var uninterrupted = new Divergence.Runaway(L0, 0);
        uninterrupted.afterEpoch(1, 9, false);
        uninterrupted.afterEpoch(2, 9, false);
        var resumed = new Divergence.Runaway(L0, uninterrupted.above()); // what checkpoint 2 records
        String a = uninterrupted.afterEpoch(3, 9, false);
        assertNotNull(a);
        assertEquals(a, resumed.afterEpoch(3, 9, false));
    }

    @Test
    void withoutAReferenceTheRuleStaysSilent() {
        for (double l0 : new double[] {Double.NaN, 0, -1, Double.POSITIVE_INFINITY}) {
            var r = new Divergence.Runaway(l0, 0);
            for (int e = 1; e <= 5; e++) assertNull(r.afterEpoch(e, 1e9, e == 5));
        }
    }
}
