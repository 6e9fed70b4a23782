package org.thermolearn.thermo.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the files the Java writers produce with an independent reader, the npm package
 * apache-arrow@21.2.0 (docs/DESIGN.md, "Platform notes"), and compares every cell bit for bit. Needs node and npm;
 * the package is installed once into {@code target/npm-apache-arrow-21.2.0}.
 */
@Tag("slow")
class NodeCrossReadTest {

    private static final String PACKAGE = "apache-arrow@21.2.0";
    private static Path modules;
    private static Path script;

    @TempDir
    Path dir;

    @BeforeAll
    static void installReader() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are not on PATH; install Node.js (node 20 + npm) to run the cross-language read-back");
        modules = Path.of("target", "npm-apache-arrow-21.2.0").toAbsolutePath();
        if (!Files.exists(modules.resolve("node_modules/apache-arrow/package.json"))) {
            Files.createDirectories(modules);
            Result r = exec(List.of("npm", "install", "--prefix", modules.toString(), PACKAGE, "--no-audit", "--no-fund"), 300);
            if (r.code != 0) Assumptions.abort("npm install " + PACKAGE + " failed (offline?), exit " + r.code + ":\n" + r.out);
        }
        script = modules.resolve("dump-arrow.js");
        try (InputStream in = NodeCrossReadTest.class.getResourceAsStream("/record/dump-arrow.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void nodeReadsMetricsBitForBit() throws Exception {
        Path f = RunFiles.metrics(dir);
        try (MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Fixtures.provenance())) {
            for (int k = 0; k < Fixtures.TRICKY.length; k++) w.append(Fixtures.row(k));
        }
        assertSameAsNode(f, expectedMetrics(RunReader.readMetrics(f)));
    }

    @Test
    void nodeReadsSpectraBitForBit() throws Exception {
        Path f = RunFiles.spectra(dir);
        try (SpectraWriter w = SpectraWriter.create(f, Map.of("run_id", "cross-read"))) {
            for (int k = 0; k < 6; k++) w.append(Fixtures.spectrum(k));
        }
        assertSameAsNode(f, expectedSpectra(f));
    }

    @Test
    void nodeReadsAnUnclosedStreamAndARepairedOne() throws Exception {
        Path f = RunFiles.metrics(dir);
        MetricsWriter w = MetricsWriter.create(f, Fixtures.columns(), Fixtures.provenance());
        for (int k = 0; k < 4; k++) w.append(Fixtures.row(k));
        byte[] unclosed = Files.readAllBytes(f);
        w.close();
        Files.write(f, unclosed); // as a killed writer leaves it: no end-of-stream marker
        assertSameAsNode(f, expectedMetrics(RunReader.readMetrics(f)));

        Files.write(f, Arrays.copyOf(unclosed, unclosed.length - 30)); // last batch cut off
        MetricsTable t = RunReader.readMetrics(f);
        assertTrue(t.truncatedTail());
        assertEquals(3, t.rowCount());
        StreamRepair.repair(f);
        assertSameAsNode(f, expectedMetrics(t));
    }

    private void assertSameAsNode(Path file, List<String> expected) throws Exception {
        Result r = exec(List.of("node", script.toString(), file.toString(), modules.toString()), 60);
        assertEquals(0, r.code, "node failed reading " + file + ":\n" + r.out);
        List<String> got = new ArrayList<>(Arrays.asList(r.out.split("\n")));
        // metadata order is not part of the format: compare those lines as sorted lists
        assertEquals(sorted(expected, "meta\t", "field\t"), sorted(got, "meta\t", "field\t"));
        assertEquals(filter(expected, "value\t", "batches\t"), filter(got, "value\t", "batches\t"));
    }

    private static List<String> expectedMetrics(MetricsTable t) {
        List<String> out = metaLines(t.metadata(), schemaFields(t.file()));
        for (int r = 0; r < t.rowCount(); r++) {
            for (ColumnSpec c : t.columns()) {
                Object v = t.rows().get(r).get(c.name());
                out.add(String.join("\t", "value", Integer.toString(r), c.name(), "0", cell(v)));
            }
        }
        out.add("batches\t" + t.rowCount());
        return out;
    }

    private static List<String> expectedSpectra(Path f) throws IOException {
        SpectraTable t = RunReader.readSpectra(f);
        List<String> out = metaLines(t.metadata(), schemaFields(f));
        // group the rows by batch (one checkpoint each), then list column by column as node does
        java.util.LinkedHashMap<Long, List<SpectrumRow>> batches = new java.util.LinkedHashMap<>();
        for (SpectrumRow s : t.rows()) batches.computeIfAbsent(s.checkpoint(), k -> new ArrayList<>()).add(s);
        int batch = 0;
        for (List<SpectrumRow> rows : batches.values()) {
            for (int c = 0; c < SpectraWriter.FIELDS.size(); c++) {
                for (int r = 0; r < rows.size(); r++) {
                    SpectrumRow s = rows.get(r);
                    Object[] cells = {s.checkpoint(), s.epoch(), s.step(), s.space(), s.nG(), s.nTrivial(), s.lnLambda(), s.route(),
                            s.densityLo(), s.densityHi(), s.density(), s.densitySe(), s.nodes(), s.weights()};
                    out.add(String.join("\t", "value", Integer.toString(batch), SpectraWriter.FIELDS.get(c).getName(),
                            Integer.toString(r), cell(cells[c])));
                }
            }
            batch++;
        }
        out.add("batches\t" + t.batches());
        return out;
    }

    private static List<Field> schemaFields(Path f) {
        try {
            return StreamRepair.scan(f).schema().getFields();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> metaLines(Map<String, String> meta, List<Field> fields) {
        List<String> out = new ArrayList<>();
        meta.forEach((k, v) -> out.add(String.join("\t", "meta", hex(k), hex(v))));
        for (Field f : fields) {
            if (f.getMetadata() != null) f.getMetadata().forEach((k, v) -> out.add(String.join("\t", "field", f.getName(), hex(k), hex(v))));
        }
        return out;
    }

    private static String cell(Object v) {
        if (v instanceof Double d) return Long.toHexString(Double.doubleToRawLongBits(d));
        if (v instanceof Long l) return Long.toString(l);
        if (v instanceof String s) return hex(s);
        if (v instanceof double[] a) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) b.append(i > 0 ? "," : "").append(Long.toHexString(Double.doubleToRawLongBits(a[i])));
            return b.append(']').toString();
        }
        throw new IllegalArgumentException("unexpected cell " + v);
    }

    private static String hex(String s) { return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)); }

    private static List<String> sorted(List<String> lines, String... prefixes) {
        List<String> r = filter(lines, prefixes);
        r.sort(null);
        return r;
    }

    private static List<String> filter(List<String> lines, String... prefixes) {
        List<String> r = new ArrayList<>();
        for (String l : lines) for (String p : prefixes) if (l.startsWith(p)) { r.add(l); break; }
        return r;
    }

    private record Result(int code, String out) { }

    private static boolean runs(String... cmd) {
        try {
            return exec(List.of(cmd), 30).code == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result exec(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
