package org.thermolearn.experiments.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tick labels at 1, 2 and 5 × 10ᵏ on a logarithmic axis that spans under two decades. XChart 3.8
 * labels either only the decades (one label, or none, on such an axis) or every m × 10ᵏ (labels
 * that run into each other), and ignores a tick-label formatting function's positions on log axes;
 * so {@link ChartStyle#finish} lets XChart label every tick (which reserves the room) in a
 * transparent colour, and this part draws the chosen labels at their log positions, skipping one
 * that would touch its neighbour.
 */
final class LogTickLabels extends Annotation {

    private final boolean xAxis;
    private final Color colour;
    private final Function<Double, String> format;

    LogTickLabels(boolean xAxis, Color colour, Function<Double, String> format) {
        super(false);
        this.xAxis = xAxis;
        this.colour = colour;
        this.format = format;
    }

    /** The candidate values 1, 2, 5 × 10ᵏ from below {@code lo} to above {@code hi}, ascending. */
    static List<Double> candidates(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        if (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi)) return out;
        for (int k = (int) Math.floor(Math.log10(lo)) - 1; k <= (int) Math.ceil(Math.log10(hi)); k++) {
            for (int m : new int[] {1, 2, 5}) out.add(Double.parseDouble(m + "e" + k));
        }
        return out;
    }

    @Override
    public void paint(Graphics2D g) {
        XYChart c = (XYChart) chart;
        AxesChartStyler st = c.getStyler();
        if (xAxis ? !st.isXAxisLogarithmic() || st.isXAxisLogarithmicDecadeOnly() : !st.isYAxisLogarithmic() || st.isYAxisLogarithmicDecadeOnly()) return;
        Rectangle2D plot = plotBounds();
        double[] range = ChartStyle.range(c, xAxis);
        g.setFont(st.getAxisTickLabelsFont());
        g.setColor(colour);
        int pad = st.getAxisTickMarkLength() + st.getAxisTickPadding();
        double lastEdge = Double.NEGATIVE_INFINITY;
        for (double v : candidates(range[0], range[1])) {
            String s = format.apply(v);
            if (s.isEmpty()) continue;
            double at = xAxis ? getXAxisScreenValue(v) : getYAxisScreenValue(v);
            if (xAxis ? at < plot.getMinX() - 0.5 || at > plot.getMaxX() + 0.5 : at < plot.getMinY() - 0.5 || at > plot.getMaxY() + 0.5) continue;
            TextLayout text = new TextLayout(s, g.getFont(), g.getFontRenderContext());
            Rectangle2D r = text.getBounds();
            // screen y grows downwards: along the y axis the labels come in descending screen order
            double lo = xAxis ? at - r.getWidth() / 2 : -(at + r.getHeight() / 2);
            double size = xAxis ? r.getWidth() : r.getHeight();
            if (lo < lastEdge + (xAxis ? 8 : 4)) continue;
            lastEdge = lo + size;
            if (xAxis) text.draw(g, (float) (at - r.getWidth() / 2 - r.getX()), (float) (plot.getMaxY() + pad + r.getHeight()));
            else text.draw(g, (float) (plot.getMinX() - pad - r.getWidth() - r.getX()), (float) (at + r.getHeight() / 2));
        }
    }

    /** The plot area; XChart 3.8 keeps its accessor package-private. */
    private Rectangle2D plotBounds() {
        try {
            var m = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getPlot");
            m.setAccessible(true);
            Object plot = m.invoke(chart);
            return (Rectangle2D) plot.getClass().getMethod("getBounds").invoke(plot);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart's plot bounds are not reachable: " + e, e);
        }
    }
}
