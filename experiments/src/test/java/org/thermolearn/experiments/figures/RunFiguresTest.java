package org.thermolearn.experiments.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.SpectraWriter;
import org.thermolearn.thermo.record.SpectrumRow;

class RunFiguresTest {

    /** Set -Dthermolearn.figures.keep=/some/dir to keep the synthetic runs and look at the PNGs. */
    private static Path base(Path tmp) throws IOException {
        String keep = System.getProperty("thermolearn.figures.keep");
        if (keep == null || keep.isBlank()) return tmp;
        Path p = Path.of(keep);
        Files.createDirectories(p);
        return p;
    }

    private static final List<String> ALL_FIGURES = List.of(
            "spectrum_heatmap_all.png", "spectrum_histograms_all.png",
            "spectrum_heatmap_clamped.png", "spectrum_histograms_clamped.png",
            "loss_boundary_vs_bulk.png", "complexity_vs_epoch.png", "complexity_vs_boundary_loss.png",
            "temperature_entropy.png", "moments.png", "accuracy.png", "losses.png");

    @Test
    void fullRunGivesEveryFigureAsValidPngOfTheSetSize(@TempDir Path tmp) throws IOException {
        Path run = base(tmp).resolve("mnist-h100-seed1");
        double[] epochs = {0, 1, 2, 5, 10, 20, 50, 100, 200};
        writeRun(run, epochs, Set.of(), true, 40);
        List<Path> written = RunFigures.writeAll(run);
        assertEquals(ALL_FIGURES, names(written));
        for (Path p : written) assertPng(p, 900, 600);
        Set<String> all = new TreeSet<>();
        for (String f : ALL_FIGURES) {
            String base = f.substring(0, f.length() - 4);
            all.addAll(List.of(f, base + ".svg", base + ".pdf"));
            Path dir = run.resolve(RunFigures.FIGURES_DIR);
            assertTrue(Files.readString(dir.resolve(base + ".svg")).contains("<svg"), base + ".svg is SVG");
            byte[] pdf = Files.readAllBytes(dir.resolve(base + ".pdf"));
            assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), base + ".pdf is PDF");
        }
        assertEquals(all, listFigures(run), "PNG, SVG and PDF of every figure and no temporary file left");
    }

    @Test
    void spacesOnDifferentScalesGetOnePanelEach(@TempDir Path tmp) throws IOException {
        Path run = base(tmp).resolve("panels-run");
        Files.createDirectories(run);
        try (MetricsWriter w = MetricsWriter.create(RunFiles.metrics(run), List.of(
                ColumnSpec.float64("epoch", "epoch", "", ""), ColumnSpec.float64("c_gt_1_all", "nat", "", "S21"),
                ColumnSpec.float64("c_gt_1_clamped", "nat", "", "S21")), Map.of())) {
            for (int i = 0; i < 4; i++) w.append(Map.of("epoch", (double) i, "c_gt_1_all", -50.0 + 3 * i, "c_gt_1_clamped", -4.0 + 0.3 * i));
        }
        RunFigures.RunData d = RunFigures.load(run);
        assertTrue(RunFigures.scalesDiffer(d, "c_gt_1_"), "C of −50 and −4 live on different scales");
        List<Path> written = RunFigures.writeAll(run, RunFigures.Options.DEFAULT, FigureWriter.PNG_ONLY);
        assertEquals(List.of("complexity_vs_epoch.png"), names(written));
        assertPng(written.get(0), 2 * 900, 600);
    }

    @Test
    void overlappingSpacesShareOneAxis(@TempDir Path tmp) throws IOException {
        Path run = base(tmp).resolve("shared-axis-run");
        writeRun(run, new double[] {0, 1, 2, 5}, Set.of(), false, 10);
        assertFalse(RunFigures.scalesDiffer(RunFigures.load(run), "c_gt_1_"));
    }

    @Test
    void pngOnlyWritesNoVectorFiles(@TempDir Path tmp) throws IOException {
        Path run = base(tmp).resolve("png-only-run");
        writeRun(run, new double[] {0, 1, 2}, Set.of(), false, 10);
        RunFigures.writeAll(run, RunFigures.Options.DEFAULT, FigureWriter.PNG_ONLY);
        for (String f : listFigures(run)) assertTrue(f.endsWith(".png"), f);
    }

    @Test
    void roundedBinsHaveRoundWidthAndCentres() {
        RunFigures.SpectrumBins b = new RunFigures.SpectrumBins(-1.461311651053421, 2.71, 60).rounded();
        double w = b.width();
        assertEquals(0.05, w, 1e-12, "round width not above the requested one");
        for (int j = 0; j < b.bins(); j++) assertEquals(0, Math.abs(b.centre(j) / w - Math.rint(b.centre(j) / w)), 1e-6);
        assertTrue(b.lo() <= -1.461311651053421 && b.hi() >= 2.71, "covers the range");
    }

    // ------------------------------------------------------------------ synthetic run

    private static final String[] METRIC_COLUMNS = {"checkpoint", "epoch", "step", "train_loss", "u_boundary", "u_bulk",
            "train_accuracy", "validation_accuracy", "test_accuracy", "train_seconds", "analysis_seconds"};
    private static final String[] SPACE_COLUMNS = {"c_gt_1", "skewness_nt", "mu3_nt", "mu2_nt", "temperature", "s0", "s_total",
            "n_nontrivial", "sum_ln_lambda"};

    /** A realistic run: losses falling, spectra widening with a growing left tail, one NaN here and there. */
    static void writeRun(Path run, double[] epochs, Set<String> drop, boolean withSpectra, int nNontrivial) throws IOException {
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), "{\"config\":{\"architecture\":\"784-100-10 tanh\",\"seed\":1}}");
        List<ColumnSpec> cols = new ArrayList<>();
        for (String c : METRIC_COLUMNS) {
            if (drop.contains(c)) continue;
            cols.add(c.equals("checkpoint") || c.equals("step") ? ColumnSpec.int64(c, "1", c) : ColumnSpec.float64(c, "1", c, ""));
        }
        for (String sp : RunFigures.SPACES) {
            for (String c : SPACE_COLUMNS) {
                String n = c + "_" + sp;
                if (!drop.contains(n)) cols.add(ColumnSpec.float64(n, "1", n, ""));
            }
        }
        Random rnd = new Random(7);
        int nG = 3 * nNontrivial;
        try (MetricsWriter w = MetricsWriter.create(RunFiles.metrics(run), cols, Map.of("provenance", "{\"seed\":1}"));
             SpectraWriter sw = withSpectra ? SpectraWriter.create(RunFiles.spectra(run), Map.of()) : null) {
            for (int k = 0; k < epochs.length; k++) {
                double e = epochs[k];
                double t = Math.log1p(e);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("checkpoint", (long) k);
                row.put("epoch", e);
                row.put("step", (long) (e * 600));
                double ub = 0.45 * Math.exp(-0.9 * t) + 0.01 * (k % 3 == 1 ? 1.5 : 1);
                double u = 2.0 * Math.exp(-1.1 * t);
                row.put("u_boundary", ub);
                row.put("u_bulk", u);
                row.put("train_loss", k == 2 ? Double.NaN : ub * 1.1);
                double acc = 1 - 0.9 * Math.exp(-1.5 * t);
                row.put("train_accuracy", acc);
                row.put("validation_accuracy", acc - 0.01);
                row.put("test_accuracy", acc - 0.015);
                row.put("train_seconds", 1.5 * e);
                row.put("analysis_seconds", 0.2 * k);
                List<SpectrumRow> spectra = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    String sp = RunFigures.SPACES.get(s);
                    double[] ln = new double[nNontrivial];
                    double width = 0.2 + 0.4 * t;
                    double skew = (s == 0 ? 0.25 : 0.05) * t / (1 + t);
                    double sum = 0, m2 = 0, m3 = 0, cgt = 0;
                    for (int i = 0; i < ln.length; i++) {
                        double g = rnd.nextGaussian() * width;
                        ln[i] = g - skew * g * g / width;
                        sum += ln[i];
                    }
                    for (int i = 0; i < ln.length; i++) {
                        ln[i] -= sum / ln.length;
                        m2 += ln[i] * ln[i] / ln.length;
                        m3 += ln[i] * ln[i] * ln[i] / ln.length;
                        if (ln[i] > 0) cgt -= 0.5 * ln[i];
                    }
                    spectra.add(new SpectrumRow(k, e, (long) (e * 600), sp, nG, nG - nNontrivial, ln));
                    double temp = 2 * u / nG;
                    double s0 = 0.5 * nG * (1 + Math.log(2 * Math.PI * temp));
                    put(row, drop, "c_gt_1_" + sp, cgt);
                    put(row, drop, "skewness_nt_" + sp, m3 / Math.pow(m2, 1.5));
                    put(row, drop, "mu3_nt_" + sp, k == 3 ? Double.NaN : m3);
                    put(row, drop, "mu2_nt_" + sp, m2);
                    put(row, drop, "temperature_" + sp, temp);
                    put(row, drop, "s0_" + sp, s0);
                    put(row, drop, "s_total_" + sp, s0 + cgt);
                    put(row, drop, "n_nontrivial_" + sp, (double) nNontrivial);
                    put(row, drop, "sum_ln_lambda_" + sp, 0.0);
                }
                for (String d : drop) row.remove(d);
                w.append(row);
                if (sw != null) sw.append(spectra);
            }
        }
    }

    private static void put(Map<String, Object> row, Set<String> drop, String k, double v) {
        if (!drop.contains(k)) row.put(k, v);
    }

    private static List<String> names(List<Path> files) {
        List<String> n = new ArrayList<>();
        for (Path p : files) n.add(p.getFileName().toString());
        return n;
    }

    private static Set<String> listFigures(Path run) throws IOException {
        Set<String> s = new TreeSet<>();
        try (var st = Files.list(run.resolve(RunFigures.FIGURES_DIR))) {
            st.forEach(p -> s.add(p.getFileName().toString()));
        }
        return s;
    }

    private static void assertPng(Path p, int w, int h) throws IOException {
        assertTrue(Files.isRegularFile(p), p + " exists");
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(p)) {
            assertEquals(8, in.read(head));
        }
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " decodes");
        assertEquals(w, img.getWidth(), p + " width");
        assertEquals(h, img.getHeight(), p + " height");
        assertFalse(isBlank(img), p + " is not a blank image");
    }

    private static boolean isBlank(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) if (img.getRGB(x, y) != first) return false;
        }
        return true;
    }
}
