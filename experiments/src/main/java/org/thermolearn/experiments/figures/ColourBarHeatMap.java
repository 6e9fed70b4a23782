package org.thermolearn.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;

/**
 * A heat map whose colour encodes log₁₀ of a count, with its own labelled colour bar on the
 * right: ticks at round counts (1, 2, 5, 10, 20, …) and a title saying what the colour means.
 * XChart's own heat-map legend prints the raw colour values ("0.845098…") and no title, so it
 * is switched off here.
 *
 * <p>Cells are added with their value already as log₁₀(count) (counts ≥ 1; empty cells are left
 * out and stay white).
 */
public final class ColourBarHeatMap extends HeatMapChart {

    /** Width in pixels kept free on the right for the colour bar, its labels and title. */
    static final int BAR_SPACE = 120;

    private final String barTitle;
    private final double maxCount;

    /**
     * @param maxCount the largest count drawn (sets the top of the colour scale)
     * @param barTitle what the colour means, written beside the bar
     */
    public ColourBarHeatMap(int width, int height, double maxCount, String barTitle) {
        super(width, height, Styler.ChartTheme.XChart);
        this.maxCount = Math.max(2, maxCount);
        this.barTitle = barTitle;
        getStyler().setLegendVisible(false);
        getStyler().setMin(0);
        getStyler().setMax(Math.log10(this.maxCount));
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        int w = width - BAR_SPACE;
        super.paint(g, w, height);
        setWidth(width);
        paintBar(g, w, height);
    }

    private void paintBar(Graphics2D g, int plotWidth, int height) {
        int x = plotWidth + 14, barW = 16, top = 50, bottom = height - 70;
        if (bottom - top < 40) return;
        List<Color> ramp = ChartStyle.HEAT_COLOURS;
        double max = Math.log10(maxCount);
        for (int y = top; y < bottom; y++) {
            double f = (bottom - 1 - y) / (double) (bottom - 1 - top);
            g.setColor(interpolate(ramp, f));
            g.fillRect(x, y, barW, 1);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, top, barW, bottom - top);
        g.setFont(ChartStyle.LABEL_FONT);
        g.setColor(Color.BLACK);
        for (double c : ticks(maxCount)) {
            int y = (int) Math.round(bottom - (bottom - top) * Math.log10(c) / max);
            g.drawLine(x + barW, y, x + barW + 4, y);
            g.drawString(ChartStyle.number(c), x + barW + 7, y + 4);
        }
        AffineTransform saved = g.getTransform();
        g.translate(x + barW + 58, (top + bottom) / 2.0);
        g.rotate(Math.PI / 2);
        int tw = g.getFontMetrics().stringWidth(barTitle);
        g.drawString(barTitle, -tw / 2f, 0);
        g.setTransform(saved);
    }

    /** Round counts 1, 2, 5, 10, … up to {@code max}; thinned to 1, 10, 100 … when there are many. */
    static List<Double> ticks(double max) {
        List<Double> t = new ArrayList<>();
        boolean decadesOnly = max > 2000;
        for (double p = 1; p <= max; p *= 10) {
            for (double m : decadesOnly ? new double[] {1} : new double[] {1, 2, 5}) if (m * p <= max) t.add(m * p);
        }
        return t;
    }

    /** The colour at fraction f ∈ [0, 1] of a ramp of equally spaced colours, linearly interpolated. */
    static Color interpolate(List<Color> ramp, double f) {
        double pos = Math.max(0, Math.min(1, f)) * (ramp.size() - 1);
        int i = Math.min((int) Math.floor(pos), ramp.size() - 2);
        double t = pos - i;
        Color a = ramp.get(i), b = ramp.get(i + 1);
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
