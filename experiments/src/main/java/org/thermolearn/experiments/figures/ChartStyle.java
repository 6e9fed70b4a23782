package org.thermolearn.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one chart style of the toolkit: fonts, colours, legend placement and tick-label format
 * shared by the run, sweep, reproduction and notebook figures, so a figure looks the same
 * whichever command drew it.
 *
 * <ul>
 *   <li>Legends sit below the plot ({@link Styler.LegendPosition#OutsideS}), never on the data.</li>
 *   <li>Tick labels are round numbers written plainly ({@link #tick(double)}: "0.01", "-1.5",
 *       "2×10⁻⁵"), never "-1.461311651053421" or "1.0E-2". {@link #roundAxes(XYChart)} moves linear
 *       axis ends to round values, which also stops XChart from putting ticks at equally spaced
 *       data values (bin edges).</li>
 *   <li>Charts render headless: {@link #headless()} is the one place that sets
 *       {@code java.awt.headless}.</li>
 * </ul>
 */
public final class ChartStyle {

    static {
        headless();
    }

    /** Colour of the integration spaces: all-N, clamped. */
    public static final List<Color> SPACE_COLOURS = List.of(new Color(31, 119, 180), new Color(255, 127, 14));

    /** Series colours in order of use (colour-blind-safe "tab10" start). */
    public static final List<Color> SERIES_COLOURS = List.of(new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
            new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127));

    /** The heat-map colour ramp from the smallest to the largest value (viridis-like). */
    public static final List<Color> HEAT_COLOURS = List.of(new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
            new Color(94, 201, 98), new Color(253, 231, 37));

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** A dashed line of the given width. */
    public static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private ChartStyle() { }

    /** Sets {@code java.awt.headless=true} unless the JVM was started with an explicit value. */
    public static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** A line chart in the toolkit style. */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(width, height);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        var st = c.getStyler();
        axes(st);
        st.setMarkerSize(6);
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        st.setErrorBarsColorSeriesColor(true);
        return c;
    }

    /** A bar chart in the toolkit style. */
    public static CategoryChart category(int width, int height, String title, String xTitle, String yTitle) {
        CategoryChart c = new CategoryChart(width, height);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        axes(c.getStyler());
        return c;
    }

    /**
     * A heat map of counts in the toolkit style, coloured by log₁₀ count, with a labelled colour
     * bar ({@link ColourBarHeatMap}); no value printed in the cells.
     */
    public static ColourBarHeatMap heatMap(int width, int height, String title, String xTitle, String yTitle,
                                           double maxCount, String barTitle) {
        ColourBarHeatMap c = new ColourBarHeatMap(width, height, maxCount, barTitle);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        var st = c.getStyler();
        common(st);
        st.setRangeColors(HEAT_COLOURS.toArray(Color[]::new));
        st.setShowValue(false);
        st.setDrawBorder(false);
        st.setLegendVisible(false);
        st.setAxisTicksMarksVisible(false);
        st.setPlotGridLinesVisible(false);
        st.setAxisTickLabelsFont(LABEL_FONT);
        st.setAxisTitleFont(LABEL_FONT.deriveFont(13f));
        return c;
    }

    private static void common(Styler st) {
        st.setChartTitleFont(TITLE_FONT);
        st.setLegendFont(LABEL_FONT);
        st.setAnnotationTextFont(LABEL_FONT);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        st.setSeriesColors(SERIES_COLOURS.toArray(Color[]::new));
    }

    private static void axes(AxesChartStyler st) {
        common(st);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setAxisTickLabelsFont(LABEL_FONT);
        st.setAxisTitleFont(LABEL_FONT.deriveFont(13f));
    }

    /**
     * Last touches before a chart is drawn (idempotent; {@link FigureWriter} calls it for every
     * panel): round linear axis ends ({@link #roundAxes}) and plain tick labels ({@link #tick}) on
     * linear axes; logarithmic axes keep XChart's decade labels, written plainly, over two decades
     * or more and get 1, 2, 5 × 10ᵏ labels under two ({@link #logLabels}).
     */
    public static void finish(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        fitTitle(chart);
        if (chart instanceof XYChart c) {
            roundAxes(c);
            var st = c.getStyler();
            legendLayout(c);
            if (st.isXAxisLogarithmic()) {
                st.setxAxisTickLabelsFormattingFunction(null);
                st.setXAxisDecimalPattern(logPattern(c, true));
                logLabels(c, true);
            } else if (integerX(c)) {
                // epochs, checkpoints: ticks at whole numbers only (no "0.5 epoch")
                double span = st.getXAxisMax() != null && st.getXAxisMin() != null ? st.getXAxisMax() - st.getXAxisMin() : 0;
                if (span > 0) st.setXAxisTickMarkSpacingHint(Math.max(st.getXAxisTickMarkSpacingHint(), (int) Math.ceil(0.8 * c.getWidth() / span)));
                st.setxAxisTickLabelsFormattingFunction(v -> v != null && v == Math.rint(v) ? tick(v) : "");
            } else {
                st.setxAxisTickLabelsFormattingFunction(ChartStyle::tick);
            }
            if (st.isYAxisLogarithmic()) {
                st.setyAxisTickLabelsFormattingFunction(null);
                st.setYAxisDecimalPattern(logPattern(c, false));
                logLabels(c, false);
            } else {
                st.setyAxisTickLabelsFormattingFunction(ChartStyle::tick);
            }
        } else if (chart instanceof CategoryChart c) {
            c.getStyler().setyAxisTickLabelsFormattingFunction(ChartStyle::tick);
        }
    }

    /** A title wider than the chart is set in a smaller font (down to 10 pt) instead of being cut at the edge. */
    private static void fitTitle(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty()) return;
        var st = chart.getStyler();
        java.awt.Font font = TITLE_FONT;
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_FRACTIONALMETRICS, java.awt.RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            double room = chart.getWidth() - 24;
            while (font.getSize2D() > 10 && font.getStringBounds(title, g.getFontRenderContext()).getWidth() > room) {
                font = font.deriveFont(font.getSize2D() - 0.5f);
            }
        } finally {
            g.dispose();
        }
        st.setChartTitleFont(font);
    }

    /** One legend row below the plot when the names fit in it, else one name per line. */
    private static void legendLayout(XYChart c) {
        var st = c.getStyler();
        if (st.getLegendPosition() != Styler.LegendPosition.OutsideS) return;
        int chars = 0;
        for (String name : c.getSeriesMap().keySet()) chars += name.length() + 6;
        st.setLegendLayout(chars * 7 < c.getWidth() - 40 ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
    }

    /** True when every x value of every series is a whole number (an epoch or checkpoint axis). */
    private static boolean integerX(XYChart c) {
        boolean any = false;
        for (XYSeries s : c.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                if (!Double.isFinite(x)) continue;
                if (x != Math.rint(x)) return false;
                any = true;
            }
        }
        return any;
    }

    /**
     * Labels of a log axis: the decades when the data span two decades or more; under two decades
     * XChart's decade labels leave one label or none and its 1…9 × 10ᵏ labels run into each other,
     * so XChart's labels (which still reserve the room) turn transparent and {@link LogTickLabels}
     * draws 1, 2, 5 × 10ᵏ ("1,000  2,000  5,000  10,000"). Installed once per axis.
     */
    private static void logLabels(XYChart c, boolean x) {
        var st = c.getStyler();
        double[] r = range(c, x);
        boolean wide = r[1] > 0 && Math.log10(r[1] / r[0]) >= 2;
        if (x) st.setXAxisLogarithmicDecadeOnly(wide);
        else st.setYAxisLogarithmicDecadeOnly(wide);
        Color now = x ? st.getXAxisTickLabelsColor() : st.getYAxisTickLabelsColor();
        boolean installed = now != null && now.getAlpha() == 0;
        if (wide && installed) {
            // the data grew past two decades since: XChart's decade labels again, the 1-2-5 labels stand down
            if (x) st.setXAxisTickLabelsColor(st.getAxisTickLabelsColor());
            else st.setYAxisTickLabelsColor(st.getAxisTickLabelsColor());
        }
        if (wide || installed) return;
        Color colour = now != null ? now : st.getAxisTickLabelsColor();
        if (x) st.setXAxisTickLabelsColor(new Color(0, 0, 0, 0));
        else st.setYAxisTickLabelsColor(new Color(0, 0, 0, 0));
        c.addAnnotation(new LogTickLabels(x, colour, logLabel(logPattern(c, x))));
    }

    /** A log-axis label in the given decimal pattern ("#,##0": 2,000), or {@link #tick} for "0E0" (2×10⁶). */
    static Function<Double, String> logLabel(String pattern) {
        if (pattern.contains("E")) return ChartStyle::tick;
        java.text.DecimalFormat f = new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return v -> v == null || !Double.isFinite(v) ? "" : f.format(v);
    }

    /** {smallest, largest} positive finite data value of a log axis ({+∞, 0} when there is none). */
    static double[] range(XYChart c, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (XYSeries s : c.getSeriesMap().values()) {
            for (double v : x ? s.getXData() : s.getYData()) {
                if (!(v > 0) || !Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }

    /** Decade labels of a log axis: plain decimals ("0.001", "100") unless the data reach beyond 10⁻⁴ or 10⁶. */
    private static String logPattern(XYChart c, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (XYSeries s : c.getSeriesMap().values()) {
            lo = Math.min(lo, x ? s.getXMin() : s.getYMin());
            hi = Math.max(hi, x ? s.getXMax() : s.getYMax());
        }
        if (lo < 1e-4 || hi > 1e6) return "0E0";
        return lo < 1 ? "0.####" : "#,##0";
    }

    /**
     * A tick label: the value rounded to 10 significant digits (so 0.30000000000000004 reads 0.3),
     * written plainly between 10⁻⁴ and 10⁶ and as m×10ᵏ outside (10ᵏ alone when m = 1).
     */
    public static String tick(Double v) {
        if (v == null || !Double.isFinite(v)) return "";
        if (v == 0) return "0";
        BigDecimal b = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) return b.toPlainString();
        int exp = b.precision() - b.scale() - 1;
        BigDecimal m = b.movePointLeft(exp).stripTrailingZeros();
        String pow = "10" + superscript(exp);
        if (m.compareTo(BigDecimal.ONE) == 0) return pow;
        if (m.compareTo(BigDecimal.ONE.negate()) == 0) return "−" + pow;
        return m.round(new MathContext(3)).stripTrailingZeros().toPlainString() + "×" + pow;
    }

    /** A value in a label or legend: integers plainly, others with 3 significant digits (no exponent junk). */
    public static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return tick(Double.parseDouble(String.format(Locale.ROOT, "%.2e", v)));
    }

    private static String superscript(int k) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder s = new StringBuilder(k < 0 ? "⁻" : "");
        for (char ch : Integer.toString(Math.abs(k)).toCharArray()) s.append(digits.charAt(ch - '0'));
        return s.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    public static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    /**
     * Moves the ends of each linear axis out to the next round value (a multiple of a 1-2-5 step
     * of about a tenth of the data range), so the ticks land on round numbers. Axis ends set
     * before are kept; logarithmic axes are left alone. Call after the series are added.
     */
    public static void roundAxes(XYChart c) {
        if (c.getSeriesMap().isEmpty()) return;
        var st = c.getStyler();
        double xl = Double.POSITIVE_INFINITY, xh = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            xl = Math.min(xl, s.getXMin());
            xh = Math.max(xh, s.getXMax());
        }
        if (!st.isXAxisLogarithmic() && st.getXAxisMin() == null && st.getXAxisMax() == null) {
            double[] r = round(xl, xh);
            if (r != null) {
                st.setXAxisMin(r[0]);
                st.setXAxisMax(r[1]);
            }
        }
        if (st.isYAxisLogarithmic() || st.getYAxisMin() != null || st.getYAxisMax() != null) return;
        java.util.Map<Integer, double[]> groups = new java.util.TreeMap<>();
        for (XYSeries s : c.getSeriesMap().values()) {
            double[] g = groups.computeIfAbsent(s.getYAxisGroup(), k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            double lo = s.getYMin(), hi = s.getYMax();
            double[] err = s.getExtraValues();
            if (err != null) {
                // XChart leaves error bars out of the range: make room for them
                double[] y = s.getYData();
                for (int i = 0; i < Math.min(y.length, err.length); i++) {
                    if (!Double.isFinite(err[i])) continue;
                    lo = Math.min(lo, y[i] - err[i]);
                    hi = Math.max(hi, y[i] + err[i]);
                }
            }
            g[0] = Math.min(g[0], lo);
            g[1] = Math.max(g[1], hi);
        }
        for (var e : groups.entrySet()) {
            double[] r = round(e.getValue()[0], e.getValue()[1]);
            if (r == null) continue;
            st.setYAxisMin(e.getKey(), r[0]);
            st.setYAxisMax(e.getKey(), r[1]);
        }
    }

    /** [lo, hi] widened to multiples of a round step, or null if not finite. */
    static double[] round(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return null;
        double mag = Math.max(Math.abs(lo), Math.abs(hi));
        if (mag < 1e-12) {
            // zero to rounding (a symmetric spectrum's skewness): show it as zero, not as magnified noise
            return new double[] {-1, 1};
        }
        if (hi - lo <= 1e-9 * mag) {
            lo -= 0.1 * mag;
            hi += 0.1 * mag;
        }
        double step = niceStep((hi - lo) / 10);
        double l = Math.floor(lo / step + 1e-9) * step, h = Math.ceil(hi / step - 1e-9) * step;
        if (h <= l) h = l + step;
        return new double[] {l, h};
    }
}
