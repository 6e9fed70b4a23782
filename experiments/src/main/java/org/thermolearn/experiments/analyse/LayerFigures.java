package org.thermolearn.experiments.analyse;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.thermolearn.thermo.layers.LayerSpectrum;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * One figure per block of ŵ: the empirical spectral density of X = WᵀW / N on log-log axes (a histogram in
 * log-spaced bins, as a density) with the fitted power law p(λ) ∝ λ^{−α} drawn over [x_min, λ_max], scaled to the
 * tail's share of the eigenvalues, and x_min marked — WeightWatcher's ESD plot.
 */
public final class LayerFigures {

    private LayerFigures() { }

    /** The ESD chart of one layer. */
    public static XYChart esd(LayerSpectrum l, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "layer %d, block %s: ESD of WᵀW/N, α = %.2f, α̂ = %.2f", l.layer(), l.label(), l.fit().alpha(), l.alphaHat()))
                .xAxisTitle("λ").yAxisTitle("density").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] ev = java.util.Arrays.stream(l.eigenvalues()).filter(v -> v > 0).toArray();
        if (ev.length < 2) return c;
        double lo = Math.log(ev[0]), hi = Math.log(ev[ev.length - 1]);
        int bins = Math.max(5, Math.min(60, ev.length / 4));
        if (hi <= lo) hi = lo + 1e-9;
        double w = (hi - lo) / bins;
        int[] count = new int[bins];
        for (double v : ev) count[Math.min(bins - 1, (int) ((Math.log(v) - lo) / w))]++;
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            if (count[i] == 0) continue;
            double a = Math.exp(lo + i * w), b = Math.exp(lo + (i + 1) * w);
            x.add(Math.sqrt(a * b));
            y.add(count[i] / (ev.length * (b - a)));
        }
        XYSeries h = c.addSeries("ESD (" + ev.length + " eigenvalues)", x, y);
        h.setMarker(SeriesMarkers.CIRCLE);
        h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (Double.isFinite(l.fit().alpha())) {
            double a = l.fit().alpha(), xm = l.fit().xMin(), share = (double) l.fit().nTail() / ev.length;
            List<Double> fx = new ArrayList<>(), fy = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                double v = xm * Math.pow(ev[ev.length - 1] / xm, i / 40.0);
                fx.add(v);
                fy.add(share * (a - 1) / xm * Math.pow(v / xm, -a));
            }
            XYSeries f = c.addSeries(String.format(Locale.ROOT, "power law α = %.2f from x_min = %.3g (%d in tail, KS D %.3f)", a, xm,
                    l.fit().nTail(), l.fit().ksDistance()), fx, fy);
            f.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** Writes {@code figures/layer_<k>_esd.png} for every layer; returns the files written. */
    public static List<Path> writeAll(Path runDir, List<LayerSpectrum> layers) throws IOException {
        Path dir = runDir.resolve("figures");
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (LayerSpectrum l : layers) {
            BufferedImage img = BitmapEncoder.getBufferedImage(esd(l, 900, 600));
            Path file = dir.resolve("layer_" + l.layer() + "_esd.png");
            Path tmp = Files.createTempFile(dir, "layer_" + l.layer(), ".png.tmp");
            try {
                if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available in this JVM");
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            out.add(file);
        }
        return out;
    }
}
