package org.thermolearn.experiments.reproduce;

import org.junit.jupiter.api.Test;
import org.thermolearn.experiments.reproduce.Evidence.Stat;
import org.thermolearn.experiments.reproduce.Verdict.Kind;
import org.thermolearn.experiments.reproduce.Verdict.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure statistics and decision functions behind the claim judges, against values computed by hand (PIT
 * survivors, issue 18). Kept apart from {@link ClaimJudgesTest}, which feeds whole synthetic runs to the judges.
 */
class ClaimJudgesMutationTest {

    private static final double NAN = Double.NaN;

    @Test
    void medianOfFiniteValues() {
        assertEquals(2, Claims.median(new double[]{3, 1, 2}), 0);
        assertEquals(2.5, Claims.median(new double[]{4, 1, 3, 2}), 0);
        assertEquals(5, Claims.median(new double[]{NAN, 5, Double.POSITIVE_INFINITY}), 0);
        assertEquals(-1, Claims.median(new double[]{-1}), 0);
        assertTrue(Double.isNaN(Claims.median(new double[]{NAN})));
        assertTrue(Double.isNaN(Claims.median(new double[0])));
    }

    @Test
    void fractionsOfIntervals() {
        // intervals: down, down, up, flat → 2 of 4 decreasing, 1 of 4 increasing
        double[] v = {5, 4, 3, 3.5, 3.5};
        assertEquals(0.5, Claims.fraction(v, -1), 0);
        assertEquals(0.25, Claims.fraction(v, 1), 0);
        // an interval touching a NaN is not counted
        assertEquals(1.0, Claims.fraction(new double[]{3, 2, NAN, 1}, -1), 0);
        assertEquals(0.5, Claims.fraction(new double[]{3, 2, 4, NAN}, -1), 0);
        assertTrue(Double.isNaN(Claims.fraction(new double[]{1}, -1)));
        assertTrue(Double.isNaN(Claims.fraction(new double[]{NAN, 1}, -1)));
        // non-increasing: flat counts, and a rise within 1e-9 relative counts; a real rise does not
        assertEquals(0.75, Claims.fractionNonIncreasing(v), 0);
        assertEquals(1.0, Claims.fractionNonIncreasing(new double[]{1000, 1000 + 5e-7, 1000}), 0);
        assertEquals(0.5, Claims.fractionNonIncreasing(new double[]{1000, 1000 + 2e-6, 1000}), 0);
        assertEquals(0.5, Claims.fractionNonIncreasing(new double[]{0.5, 0.5 + 2e-9, 0.5}), 0, "below 1 the tolerance is absolute 1e-9");
        assertEquals(1.0, Claims.fractionNonIncreasing(new double[]{0.5, 0.5 + 5e-10}), 0);
        assertEquals(1.0, Claims.fractionNonIncreasing(new double[]{-1000, -1000 + 5e-7}), 0, "the scale is |v|");
        assertEquals(0.5, Claims.fractionNonIncreasing(new double[]{2, 1, NAN, 3, 4}), 0);
        assertTrue(Double.isNaN(Claims.fractionNonIncreasing(new double[]{NAN, NAN})));
        assertTrue(Double.isNaN(Claims.fractionNonIncreasing(new double[0])));
    }

    @Test
    void pearsonByHand() {
        // x = 1, 2, 3; y = 2, 4, 7: means 2, 13/3; Sxy = 5, Sxx = 2, Syy = 38/3 → r = 5 / √(76/3)
        assertEquals(5 / Math.sqrt(76.0 / 3), Claims.pearson(new double[]{1, 2, 3}, new double[]{2, 4, 7}), 1e-15);
        assertEquals(-1, Claims.pearson(new double[]{1, 2, 3, 4}, new double[]{8, 6, 4, 2}), 1e-15);
        // pairs with a non-finite member are dropped, in the means as well as in the sums
        assertEquals(5 / Math.sqrt(76.0 / 3), Claims.pearson(new double[]{1, 2, NAN, 3, 9}, new double[]{2, 4, 100, 7, Double.POSITIVE_INFINITY}), 1e-15);
        // the shorter array decides the length
        assertEquals(5 / Math.sqrt(76.0 / 3), Claims.pearson(new double[]{1, 2, 3}, new double[]{2, 4, 7, -50}), 1e-15);
        // fewer than three pairs, or a constant column: undefined
        assertTrue(Double.isNaN(Claims.pearson(new double[]{1, 2}, new double[]{1, 2})));
        assertTrue(Double.isNaN(Claims.pearson(new double[]{1, 2, 3}, new double[]{5, 5, 5})));
        assertTrue(Double.isNaN(Claims.pearson(new double[]{4, 4, 4}, new double[]{1, 2, 3})));
    }

    @Test
    void spearmanUsesAverageRanks() {
        assertArrayEquals(new double[]{2, 3.5, 1, 3.5}, Claims.ranks(new double[]{2, 5, -1, 5}), 0);
        assertArrayEquals(new double[]{2, 2, 2}, Claims.ranks(new double[]{7, 7, 7}), 0);
        assertArrayEquals(new double[]{3, 2, 1}, Claims.ranks(new double[]{3, 2, 1}), 0);
        assertArrayEquals(new double[0], Claims.ranks(new double[0]), 0);
        // monotone but not linear: ρ = 1
        assertEquals(1, Claims.spearman(new double[]{1, 2, 3, 4}, new double[]{1, 8, 27, 1000}), 1e-15);
        // ranks (1, 2, 3) vs (1, 3, 2): ρ = 0.5; the NaN pair is dropped
        assertEquals(0.5, Claims.spearman(new double[]{10, 20, NAN, 30}, new double[]{-5, 9, 1, 0}), 1e-15);
    }

    @Test
    void logMeanAndLog() {
        assertEquals((8 - 2) / Math.log(4), Claims.logMean(2, 8), 1e-15);
        assertEquals((8 - 2) / Math.log(4), Claims.logMean(8, 2), 1e-15);
        assertEquals(3, Claims.logMean(3, 3), 0);
        assertEquals(3, Claims.logMean(3, 3 * (1 + 1e-13)), 0, "equal within 1e-12: the first value");
        assertEquals(0.5, Claims.logMean(-1, 2), 0, "not positive: arithmetic mean");
        assertEquals(1, Claims.logMean(2, 0), 0);
        assertArrayEquals(new double[]{0, Math.log(2), NAN, NAN}, Claims.log(new double[]{1, 2, 0, -3}), 0);
    }

    @Test
    void borderlineMarginsAndSpreads() {
        assertTrue(Claims.borderline(0.2, 0.1), "exactly 2 sd is borderline");
        assertTrue(Claims.borderline(-0.2, 0.1));
        assertFalse(Claims.borderline(0.2000001, 0.1));
        assertFalse(Claims.borderline(0.1, 0), "no spread, nothing is borderline");
        assertFalse(Claims.borderline(NAN, 1));
        assertFalse(Claims.borderline(0.1, NAN));
        assertFalse(Claims.borderline(Double.POSITIVE_INFINITY, 1));
        assertEquals(5, Claims.combined(new Stat(0, 3, 3, 0, 0), new Stat(0, 4, 3, 0, 0)), 1e-15);
        assertEquals(4, Claims.combined(new Stat(0, NAN, 1, 0, 0), new Stat(0, 4, 3, 0, 0)), 0);
        assertEquals(3, Claims.combined(new Stat(0, 3, 3, 0, 0), new Stat(0, NAN, 0, 0, 0)), 0);
        assertEquals("n/a", Claims.margin(NAN, 1));
        assertEquals("0.5000 (spread ± 0.1000)", Claims.margin(0.5, 0.1));
        assertEquals("0.1000 (spread ± 0.1000, borderline)", Claims.margin(0.1, 0.1));
        assertEquals("0.5000 (spread ± 0)", Claims.margin(0.5, NAN));
    }

    @Test
    void nearestGridPointAndLabels() {
        double[] x = {-2, -1, 0, 1, 2};
        double[] y = {10, 11, 12, 13, 14};
        assertEquals(13, Claims.at(x, y, 0.9), 0);
        assertEquals(10, Claims.at(x, y, -7), 0);
        assertEquals(14, Claims.at(x, y, 7), 0);
        assertEquals(10, Claims.at(x, y, -1.5), 0, "a tie keeps the first");
        double[] grid = Claims.twoPartGrid();
        assertEquals(181, grid.length);
        assertEquals(-12, grid[0], 0);
        assertEquals(6, grid[180], 1e-12);
        assertEquals(0, grid[120], 1e-12);
        assertEquals("1", Claims.betaLabel(1));
        assertEquals("100", Claims.betaLabel(100));
        assertEquals("1000", Claims.betaLabel(1000));
        assertEquals("1e4", Claims.betaLabel(1e4));
        assertEquals("1e5", Claims.betaLabel(1e5));
        assertEquals("1e-01", Claims.betaLabel(0.1));
    }

    @Test
    void deeperWinsComparesEachDeepNetWithTheShallowOne() {
        Stat shallow = new Stat(1.0, 0.1, 3, 0, 0);
        // both deeper nets above: wins; the smaller difference (0.5 vs 2) decides the margin
        Claims.Comparison c = Claims.deeperWins(new Stat[]{shallow, new Stat(3.0, 0.1, 3, 0, 0), new Stat(1.5, 0.1, 3, 0, 0)});
        assertTrue(c.wins());
        assertFalse(c.borderline());
        assertFalse(c.vanishing());
        assertTrue(c.margin().startsWith("0.5000 "), c.margin());
        // one deeper net below: no win
        assertFalse(Claims.deeperWins(new Stat[]{shallow, new Stat(3.0, 0.1, 3, 0, 0), new Stat(0.5, 0.1, 3, 0, 0)}).wins());
        // an equal mean is not a win
        assertFalse(Claims.deeperWins(new Stat[]{shallow, new Stat(1.0, 0.1, 3, 0, 0), new Stat(2, 0.1, 3, 0, 0)}).wins());
        // the smaller difference within 2 combined sd: borderline (0.2 ≤ 2·√(0.1² + 0.1²) ≈ 0.283)
        Claims.Comparison b = Claims.deeperWins(new Stat[]{shallow, new Stat(1.2, 0.1, 3, 0, 0), new Stat(5, 0.1, 3, 0, 0)});
        assertTrue(b.wins() && b.borderline());
        // a missing depth is skipped
        Stat none = new Stat(NAN, NAN, 0, NAN, NAN);
        Claims.Comparison one = Claims.deeperWins(new Stat[]{shallow, none, new Stat(4, 0, 3, 0, 0)});
        assertTrue(one.wins());
        assertTrue(one.margin().startsWith("3.000 "), one.margin());
        assertFalse(Claims.deeperWins(new Stat[]{none, new Stat(4, 0, 3, 0, 0), new Stat(4, 0, 3, 0, 0)}).wins());
        Claims.Comparison na = Claims.deeperWins(new Stat[]{shallow, none, none});
        assertFalse(na.wins() || na.borderline() || na.vanishing());
        assertEquals("n/a", na.margin());
        // every mean below 1e-12: undecided
        Claims.Comparison v = Claims.deeperWins(new Stat[]{new Stat(1e-13, 0, 3, 0, 0), new Stat(5e-13, 0, 3, 0, 0), new Stat(-9e-13, 0, 3, 0, 0)});
        assertTrue(v.vanishing() && Double.isNaN(v.value()), "undecided: no margin, never the decisive one");
        assertFalse(v.wins());
        assertFalse(Claims.deeperWins(new Stat[]{new Stat(1e-13, 0, 3, 0, 0), new Stat(2e-12, 0, 3, 0, 0), none}).vanishing());
    }

    @Test
    void decisionTables() {
        Table t = new Table("x");
        // P9
        assertEquals(Kind.BORDERLINE, Claims.complexityVerdict(t, "r", true, true, true, false, false).kind());
        assertEquals(Kind.REPRODUCED, Claims.complexityVerdict(t, "r", true, true, false, false, false).kind());
        assertEquals(Kind.DEPENDS_ON_READING, Claims.complexityVerdict(t, "r", true, true, false, true, false).kind());
        assertEquals(Kind.PARTLY, Claims.complexityVerdict(t, "r", true, false, false, false, true).kind());
        assertEquals(Kind.DEPENDS_ON_READING, Claims.complexityVerdict(t, "r", false, true, true, false, true).kind());
        assertEquals(Kind.NOT_REPRODUCED, Claims.complexityVerdict(t, "r", false, true, true, true, false).kind());
        assertTrue(Claims.complexityVerdict(t, "r", true, true, false, true, false).reason().startsWith("r Reproduced under the default reading (b)"));
        assertEquals("r", Claims.complexityVerdict(t, "r", true, true, false, false, false).reason());
        // the one borderline rule (P14 and every other judge go through it)
        java.util.List<Verdict.Margin> clear = java.util.List.of(new Verdict.Margin("m", 1, 0.1)), close = java.util.List.of(new Verdict.Margin("m", 0.1, 0.1));
        assertEquals(Kind.BORDERLINE, Claims.judged(t, close, Kind.REPRODUCED, "r.").kind());
        assertEquals(Kind.REPRODUCED, Claims.judged(t, clear, Kind.REPRODUCED, "r.").kind());
        assertEquals(Kind.NOT_REPRODUCED, Claims.judged(t, clear, Kind.NOT_REPRODUCED, "r.").kind());
        // S30
        Claims.Outcome D = Claims.Outcome.DEEP, S = Claims.Outcome.SHALLOW;
        Claims.Outcome[][] all = {{D, D}, {D, D}}, none = {{S, S}, {S, S}}, some = {{D, S}, {S, D}};
        assertEquals(Kind.BORDERLINE, Claims.laplacianVerdict(t, "r ", all, close).kind());
        assertEquals(Kind.REPRODUCED, Claims.laplacianVerdict(t, "r ", all, clear).kind());
        assertEquals(Kind.NOT_REPRODUCED, Claims.laplacianVerdict(t, "r ", none, clear).kind());
        Verdict d = Claims.laplacianVerdict(t, "r ", some, clear);
        assertEquals(Kind.DEPENDS_ON_READING, d.kind());
        assertTrue(d.reason().endsWith("Deep nets are ahead only in ln λ at β̂ (S23), λ at β̂_fl (S24); the shallow net in ln λ at β̂_fl (S24), λ at β̂ (S23)."), d.reason());
        for (int k = 0; k < 4; k++) {
            Claims.Outcome[][] one = {{k == 0 ? D : S, k == 1 ? D : S}, {k == 2 ? D : S, k == 3 ? D : S}};
            assertEquals(Kind.DEPENDS_ON_READING, Claims.laplacianVerdict(t, "r ", one, clear).kind(), "only reading " + k);
            Claims.Outcome[][] three = {{k != 0 ? D : S, k != 1 ? D : S}, {k != 2 ? D : S, k != 3 ? D : S}};
            assertEquals(Kind.DEPENDS_ON_READING, Claims.laplacianVerdict(t, "r ", three, clear).kind(), "all but reading " + k);
        }
    }

    @Test
    void verdictsNeedAKindAndAReason() {
        assertThrows(IllegalArgumentException.class, () -> new Table("x").verdict(null, "r"));
        assertThrows(IllegalArgumentException.class, () -> new Table("x").verdict(Kind.PARTLY, " "));
        assertThrows(IllegalArgumentException.class, () -> new Table("x").verdict(Kind.PARTLY, null));
        Verdict v = new Table("a", "b").row(0.5, "x").row(1234567.0, 3).verdict(Kind.PARTLY, "r");
        assertEquals(java.util.List.of(java.util.List.of("0.5000", "x"), java.util.List.of("1.23e6", "3")), v.rows());
        assertEquals("partly", Kind.PARTLY.label());
        assertEquals("not reproduced", Kind.NOT_REPRODUCED.label());
    }

    @Test
    void seedStatistics() {
        Stat s = Stat.of(new double[]{1, 2, NAN, 6});
        assertEquals(3, s.mean(), 1e-15);
        assertEquals(Math.sqrt((4 + 1 + 9) / 2.0), s.sd(), 1e-15);
        assertEquals(3, s.n());
        assertEquals(1, s.min(), 0);
        assertEquals(6, s.max(), 0);
        assertEquals(0, Stat.of(new double[]{7}).sd(), 0);
        assertEquals("7.000 ± 0 (1 seed)", Stat.of(new double[]{7}).toString());
        assertEquals("n/a", Stat.of(new double[]{NAN}).toString());
        assertEquals(0, Stat.of(new double[0]).n());
        assertEquals("n/a", Evidence.fmt(NAN));
        assertEquals("0", Evidence.fmt(0));
        assertEquals("1.23e-5", Evidence.fmt(1.234e-5));
        assertEquals("0.001000", Evidence.fmt(1e-3));
        assertEquals("1.23e4", Evidence.fmt(12345));
        assertEquals("123.5", Evidence.fmt(123.45));
        assertEquals("0.1235", Evidence.fmt(0.12345));
    }
}
