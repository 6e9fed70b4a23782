package org.thermolearn.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thermolearn.experiments.run.RunStatus;
import org.thermolearn.thermo.record.MetricsTable;
import org.thermolearn.thermo.record.RunReader;
import org.thermolearn.thermo.record.SpectraTable;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The reliability promises of a run, with real processes: {@code kill -9} mid-run leaves every finished
 * checkpoint readable by Java and by an independent reader (npm apache-arrow); {@code resume} continues
 * and produces records bit-identical to an uninterrupted run with the same seed.
 */
@Tag("slow")
class RunLifecycleTest {

    @TempDir
    Path tmp;

    @Test
    @Tag("essential")
    void killNineThenResumeIsBitIdenticalToAnUninterruptedRun() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path cfg = RunFixtures.config(tmp.resolve("c.yaml"), data, 60, "momentum: 0.5");
        Path logs = tmp.resolve("logs");
        Path full = tmp.resolve("full"), killed = tmp.resolve("killed");

        Process a = RunFixtures.childCli(logs, "full", "run", "--config", cfg.toString(), "--output", full.toString());
        assertEquals(0, RunFixtures.waitFor(a), () -> read(logs.resolve("full.err")));

        Process b = RunFixtures.childCli(logs, "killed", "run", "--config", cfg.toString(), "--output", killed.toString());
        int rows = 0;
        while (b.isAlive()) { // the event: the fourth checkpoint is on disk (or the child ended)
            if (Files.exists(killed.resolve("metrics.arrow"))) rows = RunReader.readMetrics(killed.resolve("metrics.arrow")).rowCount();
            if (rows >= 4) break;
            Thread.sleep(20);
        }
        assertTrue(b.isAlive(), "the run finished before it could be killed; make it longer");
        b.destroyForcibly(); // SIGKILL on Linux
        b.waitFor();
        assertEquals("running", RunStatus.read(killed), "a killed run cannot say anything else");

        MetricsTable partial = RunReader.open(killed).metrics();
        SpectraTable partialSpectra = RunReader.open(killed).spectra();
        assertTrue(partial.rowCount() >= 4, "every finished checkpoint is readable: " + partial.rowCount());
        assertTrue(partialSpectra.batches() >= partial.rowCount() - 1);
        // the independent (npm) reader looks at this copy at the very end, so that a missing node/npm never skips
        // the resume and bit-identity checks below
        Path killedMetrics = Files.copy(killed.resolve("metrics.arrow"), tmp.resolve("killed-metrics.arrow"));

        Process c = RunFixtures.childCli(logs, "resume", "resume", killed.toString());
        assertEquals(0, RunFixtures.waitFor(c), () -> read(logs.resolve("resume.err")));
        assertEquals("done", RunStatus.read(killed));

        MetricsTable m1 = RunReader.open(full).metrics(), m2 = RunReader.open(killed).metrics();
        assertEquals(61, m1.rowCount());
        assertEquals(m1.names(), m2.names());
        for (int i = 0; i < m1.rowCount(); i++) {
            for (String col : m1.names()) {
                if (col.contains("seconds")) continue; // wall times differ, everything else must not
                Object x = m1.rows().get(i).get(col), y = m2.rows().get(i).get(col);
                if (x instanceof Double dx) {
                    assertEquals(Double.doubleToRawLongBits(dx), Double.doubleToRawLongBits((Double) y), "row " + i + " column " + col + ": " + x + " vs " + y);
                } else {
                    assertEquals(x, y, "row " + i + " column " + col);
                }
            }
        }
        assertEquals(RunReader.open(full).spectra().rows(), RunReader.open(killed).spectra().rows(), "spectra bit-identical");
        assertEquals(RunReader.open(full).checkpoint(60).network(), RunReader.open(killed).checkpoint(60).network(), "final weights bit-identical");

        try {
            assertEquals(partial.rowCount(), npmRowCount(killedMetrics), "the independent reader sees the same rows in the killed run");
        } catch (org.opentest4j.TestAbortedException e) {
            // node/npm missing: only this last comparison is left out (said here and by the reader test's own skip);
            // the essential kill/resume checks above have all run
            System.out.println("RunLifecycleTest: npm reader comparison of the killed run left out: " + e.getMessage());
        }
    }

    @Test
    void anIndependentReaderSeesExactlyTheValuesJavaWrote() throws Exception {
        Path data = RunFixtures.syntheticData(tmp.resolve("data"));
        Path cfg = RunFixtures.config(tmp.resolve("c.yaml"), data, 2, "");
        Path run = tmp.resolve("run");
        assertEquals(0, RunFixtures.cli("run", "--config", cfg.toString(), "--output", run.toString()).code());
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node/npm not installed: skipping the independent reader");
        Path modules = NodeArrow.install();
        Path script = Files.writeString(tmp.resolve("dump.js"), String.join("\n",
                "const a=require(require.resolve('apache-arrow',{paths:[process.argv[4]]}));",
                "const fs=require('fs');",
                "const m=a.tableFromIPC(fs.readFileSync(process.argv[2]));",
                "const s=a.tableFromIPC(fs.readFileSync(process.argv[3]));",
                "const out={metrics:m.toArray().map(r=>{const o={};for(const f of m.schema.fields){const v=r[f.name];o[f.name]=typeof v==='bigint'?v.toString():(Number.isNaN(v)?'NaN':v);}return o;}),",
                "  spectra:s.toArray().map(r=>({checkpoint:r.checkpoint.toString(),space:r.space,ln_lambda:Array.from(r.ln_lambda.toArray())})),",
                "  units:Object.fromEntries(m.schema.fields.map(f=>[f.name,f.metadata.get('unit')]))};",
                "console.log(JSON.stringify(out));"));
        Process p = new ProcessBuilder("node", script.toString(), run.resolve("metrics.arrow").toString(), run.resolve("spectra.arrow").toString(),
                modules.toString()).redirectErrorStream(true).start();
        String json = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), json);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        MetricsTable m = RunReader.open(run).metrics();
        assertEquals(m.rowCount(), tree.get("metrics").size());
        int compared = 0;
        for (int i = 0; i < m.rowCount(); i++) {
            var row = tree.get("metrics").get(i);
            for (var spec : m.columns()) {
                Object java = m.rows().get(i).get(spec.name());
                var js = row.get(spec.name());
                if (java instanceof Double d) {
                    double v = js.isTextual() ? Double.NaN : js.asDouble();
                    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(v), spec.name() + " row " + i);
                } else {
                    assertEquals(String.valueOf(java), js.asText(), spec.name() + " row " + i);
                }
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared + " cells");
        assertEquals("s", tree.get("units").get("train_seconds").asText(), "units travel as field metadata");
        var spectra = RunReader.open(run).spectra().rows();
        assertEquals(spectra.size(), tree.get("spectra").size());
        for (int k = 0; k < spectra.size(); k++) {
            double[] lj = spectra.get(k).lnLambda();
            var ln = tree.get("spectra").get(k).get("ln_lambda");
            assertEquals(lj.length, ln.size());
            for (int j = 0; j < lj.length; j++) assertEquals(Double.doubleToLongBits(lj[j]), Double.doubleToLongBits(ln.get(j).asDouble()));
        }
    }

    /** Row count of an Arrow stream read by the npm apache-arrow package (skips if node/npm are missing). */
    private static int npmRowCount(Path file) throws Exception {
        Assumptions.assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node/npm not installed: skipping the independent reader");
        Path modules = NodeArrow.install();
        Path script = Files.writeString(Files.createTempFile("count", ".js"),
                "const a=require(require.resolve('apache-arrow',{paths:[process.argv[3]]}));"
                        + "const t=a.tableFromIPC(require('fs').readFileSync(process.argv[2]));console.log(t.numRows);");
        Process p = new ProcessBuilder("node", script.toString(), file.toString(), modules.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        return Integer.parseInt(out.lines().reduce((x, y) -> y).orElseThrow());
    }

    static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }

}
