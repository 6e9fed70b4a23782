package org.thermolearn.experiments.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.knowm.xchart.internal.chartpart.Chart;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;

/**
 * Writes figures: one chart, or several side by side as panels of one figure, as PNG (raster,
 * for a quick look), SVG and PDF (vector, for a paper). Every file is written to a temporary
 * file in the target directory and moved into place, so a reader (a browser refreshing a
 * figure of a running training, a crash half-way) never sees a half-written file, and an
 * existing figure stays intact until its replacement is complete.
 */
public final class FigureWriter {

    static {
        ChartStyle.headless();
    }

    /** Output formats. */
    public enum Format {
        PNG, SVG, PDF;

        public String extension() { return name().toLowerCase(Locale.ROOT); }
    }

    /** PNG, SVG and PDF. */
    public static final Set<Format> ALL = EnumSet.allOf(Format.class);
    /** PNG only: the cheap format for figures redrawn while a run is training. */
    public static final Set<Format> PNG_ONLY = EnumSet.of(Format.PNG);

    private FigureWriter() { }

    /** A figure: panels laid out left to right, {@code columns} to a row. */
    public record Panels(List<? extends Chart<?, ?>> charts, int columns) {
        public Panels {
            if (charts.isEmpty()) throw new IllegalArgumentException("a figure needs at least one panel");
            if (columns < 1) throw new IllegalArgumentException("columns must be at least 1, got " + columns);
            charts = List.copyOf(charts);
        }

        /** One chart as a figure. */
        public static Panels of(Chart<?, ?> chart) { return new Panels(List.of(chart), 1); }

        /** Charts side by side in one row. */
        public static Panels row(List<? extends Chart<?, ?>> charts) { return new Panels(charts, charts.size()); }

        int rows() { return (charts.size() + columns - 1) / columns; }

        int cellWidth() { return charts.stream().mapToInt(Chart::getWidth).max().orElse(0); }

        int cellHeight() { return charts.stream().mapToInt(Chart::getHeight).max().orElse(0); }

        /** Width of the figure in pixels (points in the vector formats). */
        public int width() { return cellWidth() * Math.min(columns, charts.size()); }

        /** Height of the figure in pixels (points in the vector formats). */
        public int height() { return cellHeight() * rows(); }

        /** Paints every panel into its cell of {@code g}. */
        public void paint(Graphics2D g) {
            int w = cellWidth(), h = cellHeight();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width(), height());
            g.setFont(ChartStyle.LABEL_FONT); // parts of XChart read the current font before setting one
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % columns) * w, (i / columns) * h, w, h);
                try {
                    cell.setFont(ChartStyle.LABEL_FONT);
                    ChartStyle.finish(charts.get(i));
                    charts.get(i).paint(cell, w, h);
                } finally {
                    cell.dispose();
                }
            }
        }
    }

    /** {@link #write(Path, String, Panels, Set)} of one chart in all formats. */
    public static Path write(Path dir, String base, Chart<?, ?> chart) throws IOException {
        return write(dir, base, Panels.of(chart), ALL);
    }

    /**
     * Writes {@code dir/base.png} (and {@code .svg}, {@code .pdf} as asked), each atomically.
     *
     * @return the PNG file (or the first file written when PNG is not asked for)
     */
    public static Path write(Path dir, String base, Panels figure, Set<Format> formats) throws IOException {
        if (formats.isEmpty()) throw new IllegalArgumentException("no figure format asked for");
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Format f : Format.values()) {
            if (!formats.contains(f)) continue;
            Path file = dir.resolve(base + "." + f.extension());
            atomically(file, os -> encode(figure, f, os));
            out.add(file);
        }
        return out.get(0);
    }

    /** The figure as an image (for notebooks). */
    public static BufferedImage image(Panels figure) {
        BufferedImage img = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            figure.paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void encode(Panels figure, Format f, OutputStream os) throws IOException {
        switch (f) {
            case PNG -> {
                if (!ImageIO.write(image(figure), "png", os)) throw new IOException("no PNG writer available in this JVM");
            }
            case SVG -> {
                VectorGraphics2D g = new VectorGraphics2D();
                figure.paint(g);
                new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, figure.width(), figure.height())).writeTo(os);
            }
            case PDF -> {
                try (PDDocument doc = new PDDocument()) {
                    PDPage page = new PDPage(new PDRectangle(figure.width(), figure.height()));
                    doc.addPage(page);
                    PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, figure.width(), figure.height());
                    figure.paint(g);
                    g.dispose();
                    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                        cs.drawForm(g.getXFormObject());
                    }
                    doc.save(os);
                }
            }
        }
    }

    private interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    /** Writes a temporary file beside {@code file}, then moves it into place; leaves no temporary file behind. */
    private static void atomically(Path file, Body body) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.writeTo(os);
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary file's default permissions stay
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (RuntimeException e) {
            throw new IOException("could not draw " + file.getFileName() + ": " + e, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
