package org.thermolearn.experiments.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.experiments.cli.ThermoLearnCli;
import org.thermolearn.thermo.record.ColumnSpec;
import org.thermolearn.thermo.record.MetricsWriter;
import org.thermolearn.thermo.record.RunFiles;
import org.thermolearn.thermo.record.SpectraWriter;
import org.thermolearn.thermo.record.SpectrumRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class TidyExportTest {

    /** Two checkpoints, two spaces; a NaN metric and a description with a comma and quotes. */
    public static Path writeRun(Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (MetricsWriter w = MetricsWriter.create(RunFiles.metrics(run), List.of(
                ColumnSpec.int64("checkpoint", "1", "checkpoint index"), ColumnSpec.float64("epoch", "epoch", "epoch", ""),
                ColumnSpec.float64("c_gt_1_all", "nat", "complexity C_>(1), \"all\" space", "S21")), Map.of());
             SpectraWriter s = SpectraWriter.create(RunFiles.spectra(run), Map.of())) {
            for (int k = 0; k < 2; k++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("checkpoint", (long) k);
                row.put("epoch", (double) k);
                row.put("c_gt_1_all", k == 0 ? Double.NaN : -1.25e-7);
                w.append(row);
                s.append(new SpectrumRow(k, k, 10L * k, SpectrumRow.ALL, 5, 2, new double[] {-0.5, 0.1 + k, 2}),
                        new SpectrumRow(k, k, 10L * k, SpectrumRow.CLAMPED, 3, 1, new double[] {0.25, Double.NEGATIVE_INFINITY}));
            }
        }
        return run;
    }

    /** RFC 4180 records (quoted fields may hold commas and doubled quotes). */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') q = false;
                else f.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { rec.add(f.toString()); f.setLength(0); }
            else if (c == '\n') { rec.add(f.toString()); f.setLength(0); out.add(rec); rec = new ArrayList<>(); }
            else f.append(c);
        }
        return out;
    }

    @Test
    void csvIsTidyLongFormatOneTablePerFile(@TempDir Path tmp) throws IOException {
        Path run = writeRun(tmp);
        List<Path> files = TidyExport.export(run, tmp.resolve("out"), TidyExport.Kind.CSV);
        assertEquals(List.of("metrics.csv", "spectra.csv", "columns.csv"), files.stream().map(p -> p.getFileName().toString()).toList());

        List<List<String>> m = parseCsv(Files.readString(files.get(0)));
        assertEquals(List.of("checkpoint", "epoch", "c_gt_1_all"), m.get(0));
        assertEquals(List.of("0", "0.0", "NaN"), m.get(1));
        assertEquals(-1.25e-7, Double.parseDouble(m.get(2).get(2)), 0, "round trip bit for bit");

        List<List<String>> s = parseCsv(Files.readString(files.get(1)));
        assertEquals(TidyExport.SPECTRA_COLUMNS, s.get(0));
        assertEquals(1 + 2 * (3 + 2), s.size(), "one row per eigenvalue");
        assertEquals(List.of("1", "1.0", "10", "all", "1", "1.1", "5", "2"), s.get(7));
        assertEquals(List.of("0", "0.0", "0", "clamped", "1", "-Infinity", "3", "1"), s.get(5));

        List<List<String>> d = parseCsv(Files.readString(files.get(2)));
        assertEquals(List.of("table", "name", "type", "unit", "description", "formula"), d.get(0));
        assertTrue(d.contains(List.of("metrics", "c_gt_1_all", "double", "nat", "complexity C_>(1), \"all\" space", "S21")), d.toString());
        for (List<String> r : d) assertEquals(6, r.size(), "every record has every field: " + r);
    }

    @Test
    void jsonIsAnArrayOfRowObjectsWithNullForNonFinite(@TempDir Path tmp) throws IOException {
        Path run = writeRun(tmp);
        List<Path> files = TidyExport.export(run, tmp.resolve("out"), TidyExport.Kind.JSON);
        ObjectMapper om = new ObjectMapper();
        JsonNode m = om.readTree(files.get(0).toFile());
        assertEquals(2, m.size());
        assertTrue(m.get(0).get("c_gt_1_all").isNull());
        assertEquals(-1.25e-7, m.get(1).get("c_gt_1_all").asDouble(), 0);
        JsonNode s = om.readTree(files.get(1).toFile());
        assertEquals(10, s.size());
        assertEquals("clamped", s.get(3).get("space").asText());
        assertTrue(s.get(4).get("ln_lambda").isNull());
    }

    @Test
    void cliExportsAndNeverOverwrites(@TempDir Path tmp) throws IOException {
        Path run = writeRun(tmp);
        assertEquals(0, ThermoLearnCli.commandLine().execute("export", run.toString(), "--format", "csv"));
        assertTrue(Files.isRegularFile(run.resolve("export/csv/spectra.csv")));
        String before = Files.readString(run.resolve("export/csv/metrics.csv"));
        assertEquals(2, ThermoLearnCli.commandLine().execute("export", run.toString(), "--format", "csv"));
        assertEquals(before, Files.readString(run.resolve("export/csv/metrics.csv")));
        assertEquals(2, ThermoLearnCli.commandLine().execute("export", run.toString(), "--format", "xml"));
        assertEquals(0, ThermoLearnCli.commandLine().execute("export", run.toString(), "--format", "JSON", "--output", tmp.resolve("j").toString()));
        assertTrue(Files.isRegularFile(tmp.resolve("j/columns.json")));
    }
}
