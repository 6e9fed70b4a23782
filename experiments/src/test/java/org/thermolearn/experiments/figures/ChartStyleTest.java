package org.thermolearn.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartStyleTest {

    @Test
    void tickLabelsArePlainRoundNumbers() {
        assertEquals("0.01", ChartStyle.tick(0.01));
        assertEquals("-1.5", ChartStyle.tick(-1.5000000000000002));
        assertEquals("0.3", ChartStyle.tick(0.1 + 0.2));
        assertEquals("0", ChartStyle.tick(-0.0));
        assertEquals("250", ChartStyle.tick(250.0));
        assertEquals("10⁻⁵", ChartStyle.tick(1e-5));
        assertEquals("2.5×10⁻⁷", ChartStyle.tick(2.5e-7));
        assertEquals("10⁶", ChartStyle.tick(1e6));
        assertEquals("", ChartStyle.tick(Double.NaN));
    }

    @Test
    void numbersInLabelsHaveThreeSignificantDigits() {
        assertEquals("0.1", ChartStyle.number(0.1));
        assertEquals("-1.46", ChartStyle.number(-1.461311651053421));
        assertEquals("200", ChartStyle.number(200));
        assertEquals("1.23×10⁻⁷", ChartStyle.number(1.2345e-7));
    }

    @Test
    void niceStepIsOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, ChartStyle.niceStep(0.15), 1e-15);
        assertEquals(1, ChartStyle.niceStep(1), 0);
        assertEquals(5, ChartStyle.niceStep(3.2), 0);
        assertEquals(10, ChartStyle.niceStep(7), 0);
    }

    @Test
    void linearAxesEndOnRoundValuesAndLogAxesAreLeftAlone() {
        XYChart c = ChartStyle.xy(400, 300, "t", "x", "y");
        c.addSeries("s", new double[] {-1.461311651053421, 0, 2.71}, new double[] {0.0123, 0.5, 0.987});
        ChartStyle.finish(c);
        var st = c.getStyler();
        assertEquals(-1.5, st.getXAxisMin(), 1e-12, "step 0.5 for a range of 4.2");
        assertEquals(3.0, st.getXAxisMax(), 1e-12);
        assertEquals(0, st.getYAxisMin(0), 1e-12);
        assertEquals(1, st.getYAxisMax(0), 1e-12);
        XYChart l = ChartStyle.xy(400, 300, "t", "x", "y");
        l.getStyler().setYAxisLogarithmic(true);
        l.addSeries("s", new double[] {1, 2}, new double[] {0.001, 10});
        ChartStyle.finish(l);
        assertEquals(null, l.getStyler().getYAxisMin());
        assertEquals(null, l.getStyler().getyAxisTickLabelsFormattingFunction());
    }

    @Test
    void valuesZeroToRoundingAreShownAsZeroNotAsMagnifiedNoise() {
        XYChart c = ChartStyle.xy(400, 300, "t", "x", "y");
        c.addSeries("s", new double[] {0, 1, 2}, new double[] {1e-16, -4e-16, 2e-16});
        ChartStyle.finish(c);
        assertEquals(-1, c.getStyler().getYAxisMin(0), 0);
        assertEquals(1, c.getStyler().getYAxisMax(0), 0);
    }

    @Test
    void colourBarTicksAreRoundCounts() {
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0), ColourBarHeatMap.ticks(37));
        assertTrue(ColourBarHeatMap.ticks(1e5).stream().allMatch(t -> Math.log10(t) == Math.rint(Math.log10(t))));
    }

    @Test
    void anEpochAxisIsLabelledAtWholeNumbersOnly() {
        XYChart c = ChartStyle.xy(900, 600, "t", "epoch", "y");
        c.addSeries("a", new double[] {0, 1, 3, 5}, new double[] {0.1, 0.8, 0.9, 0.95});
        ChartStyle.finish(c);
        var f = c.getStyler().getxAxisTickLabelsFormattingFunction();
        assertEquals("", f.apply(0.5), "no half epochs");
        assertEquals("3", f.apply(3.0));
        assertTrue(c.getStyler().getXAxisTickMarkSpacingHint() >= 0.8 * 900 / 5, "ticks about one epoch apart at least");

        XYChart ln = ChartStyle.xy(900, 600, "t", "ln λ", "y");
        ln.addSeries("a", new double[] {-1.5, 0.25, 2}, new double[] {1, 2, 3});
        ChartStyle.finish(ln);
        assertEquals("0.5", ln.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.5), "a continuous axis keeps every tick label");
    }

    @Test
    void aLogAxisUnderTwoDecadesIsLabelledBetweenDecades() {
        XYChart c = ChartStyle.xy(900, 600, "t", "epoch", "loss");
        c.getStyler().setYAxisLogarithmic(true);
        c.addSeries("a", new double[] {0, 1, 2}, new double[] {0.9, 0.15, 0.06});
        ChartStyle.finish(c);
        assertTrue(!c.getStyler().isYAxisLogarithmicDecadeOnly(), "0.06…0.9 would show the single label 0.1");
        c.addSeries("b", new double[] {0, 1, 2}, new double[] {1e-4, 1e-3, 1e-2});
        ChartStyle.finish(c);
        assertTrue(c.getStyler().isYAxisLogarithmicDecadeOnly(), "four decades: decade labels suffice");
    }

    @Test
    void aOneDecadeLogAxisIsLabelledAtOneTwoFiveTimesTenToTheK() throws Exception {
        XYChart c = ChartStyle.xy(720, 480, "t", "width", "seconds");
        c.getStyler().setXAxisLogarithmic(true);
        c.addSeries("a", new double[] {1000, 2000, 4000, 10000}, new double[] {1, 2, 3, 4});
        ChartStyle.finish(c);
        ChartStyle.finish(c);
        var st = c.getStyler();
        assertTrue(!st.isXAxisLogarithmicDecadeOnly(), "XChart must reserve room for labels between decades");
        assertEquals(0, st.getXAxisTickLabelsColor().getAlpha(), "XChart's own 1…9 × 10ᵏ labels run into each other: hidden");
        var labels = ChartStyle.logLabel("#,##0");
        List<String> shown = LogTickLabels.candidates(1000, 10000).stream().filter(v -> v >= 1000 && v <= 10000).map(labels).toList();
        assertEquals(List.of("1,000", "2,000", "5,000", "10,000"), shown);
        assertEquals("2×10⁶", ChartStyle.logLabel("0E0").apply(2e6));
        // the labels are drawn: dark pixels below the plot under 2,000 (none there with XChart's decade labels alone)
        java.awt.image.BufferedImage img = org.knowm.xchart.BitmapEncoder.getBufferedImage(c);
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb == 0x000000) dark++;
            }
        }
        XYChart bare = ChartStyle.xy(720, 480, "t", "width", "seconds");
        bare.getStyler().setXAxisLogarithmic(true);
        bare.getStyler().setXAxisLogarithmicDecadeOnly(true);
        bare.addSeries("a", new double[] {1000, 2000, 4000, 10000}, new double[] {1, 2, 3, 4});
        java.awt.image.BufferedImage only = org.knowm.xchart.BitmapEncoder.getBufferedImage(bare);
        int darkBare = 0;
        for (int y = 0; y < only.getHeight(); y++) for (int x = 0; x < only.getWidth(); x++) if ((only.getRGB(x, y) & 0xffffff) == 0) darkBare++;
        assertTrue(dark > darkBare + 20, "labels 2,000 and 5,000 drawn: " + dark + " vs " + darkBare + " black pixels");
        c.addSeries("b", new double[] {1, 10}, new double[] {1, 1});
        ChartStyle.finish(c);
        assertTrue(st.isXAxisLogarithmicDecadeOnly() && st.getXAxisTickLabelsColor().getAlpha() == 255, "four decades: XChart's decade labels again");
    }

    @Test
    void aTitleWiderThanTheChartIsSetSmallerNotCut() {
        XYChart narrow = ChartStyle.xy(400, 300, "mnist-784-100-10-tanh-20261202-113054-s1 — asymmetry of the spectrum over training (clamped)", "x", "y");
        narrow.addSeries("a", new double[] {0, 1}, new double[] {0, 1});
        ChartStyle.finish(narrow);
        assertTrue(narrow.getStyler().getChartTitleFont().getSize2D() < ChartStyle.TITLE_FONT.getSize2D());
        XYChart wide = ChartStyle.xy(900, 600, "losses", "x", "y");
        wide.addSeries("a", new double[] {0, 1}, new double[] {0, 1});
        ChartStyle.finish(wide);
        assertEquals(ChartStyle.TITLE_FONT.getSize2D(), wide.getStyler().getChartTitleFont().getSize2D(), 0);
    }
}
