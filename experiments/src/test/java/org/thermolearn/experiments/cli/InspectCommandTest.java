package org.thermolearn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.experiments.export.TidyExportTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InspectCommandTest {

    private record Result(int code, String out, String err) { }

    private static Result inspect(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = ThermoLearnCli.commandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            String[] a = new String[args.length + 1];
            a[0] = "inspect";
            System.arraycopy(args, 0, a, 1, args.length);
            int code = cl.execute(a);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void tableShowsFullColumnNamesAndProvenance(@TempDir Path tmp) throws Exception {
        Path run = TidyExportTest.writeRun(tmp);
        Result r = inspect(run.toString(), "--columns", "checkpoint,c_gt_1_*");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("checkpoint +c_gt_1_all")), "names are never cut: " + r.out());
        assertTrue(r.out().contains("provenance: "), r.out());
        assertTrue(r.out().contains("-1.2500e-07"), r.out());
    }

    @Test
    void csvAndJsonCarryTheRowsOnlyAtFullPrecision(@TempDir Path tmp) throws Exception {
        Path run = TidyExportTest.writeRun(tmp);
        Result c = inspect(run.toString(), "--columns", "epoch,c_gt_1_all", "--format", "csv");
        assertEquals(0, c.code(), c.err());
        assertEquals("epoch,c_gt_1_all\n0.0,NaN\n1.0,-1.25E-7\n", c.out());
        Result j = inspect(run.toString(), "--columns", "*", "--format", "json");
        assertEquals(0, j.code(), j.err());
        JsonNode rows = new ObjectMapper().readTree(j.out());
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).get("c_gt_1_all").isNull());
        assertEquals(1, rows.get(1).get("checkpoint").asLong());
    }

    @Test
    void unknownColumnOrFormatIsOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path run = TidyExportTest.writeRun(tmp);
        Result r = inspect(run.toString(), "--columns", "cgt1all");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean 'c_gt_1_all'?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Result f = inspect(run.toString(), "--format", "xml");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("choose table, csv or json"), f.err());
    }
}
