package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated sbatch script, argfile and task list never let a spec value reach a shell: values
 * with quotes, $(), backticks, spaces and newlines travel as JSON files, and the script — run by
 * bash exactly as Slurm would run an array element — passes them through unchanged.
 */
class SlurmScriptTest {

    @TempDir
    Path tmp;

    static final String NASTY = "/no such dir/16-8-4\"; touch PWNED1; echo '$(touch PWNED2)' `touch PWNED3` $HOME\n#SBATCH --wrap=x\nrm -rf \"$SWEEP_DIR\"";
    static final String NASTY_JVM = "-Decho.value=a b \"c\" $(touch PWNED4) 'd' \\ e";

    @Test
    void arraySpecCompressesRuns() {
        assertEquals("0-3,5,7-9", SlurmExecutor.arraySpec(List.of(0, 1, 2, 3, 5, 7, 8, 9)));
        assertEquals("4", SlurmExecutor.arraySpec(List.of(4)));
    }

    @Test
    void nastyValuesNeverReachTheShellAndArriveUnchanged() throws Exception {
        Path out = tmp.resolve("out dir with spaces $(touch PWNED5) 'q'");
        String yaml = """
                name: nasty
                output: %s
                mainClass: org.thermolearn.experiments.sweep.FakeRunMain
                jvmArgs: [%s]
                base: {epochs: 2}
                axes:
                  - list:
                      - {dataDir: %s, learningRate: 0.1}
                      - {dataDir: "/data", learningRate: 0.2}
                slurm:
                  partition: debug
                  time: "5"
                  mem: 1G
                  throttle: 1
                  extra: ["--comment=\\"quoted $(not run)\\""]
                """.formatted(SweepTestSupport.quote(out.toString()), SweepTestSupport.quote(NASTY_JVM),
                SweepSpec.JSON.writeValueAsString(NASTY));
        SweepSpec spec = SweepSpec.load(SweepTestSupport.write(tmp, "spec.yaml", yaml));
        SweepDir d = SweepDir.prepare(SweepPlan.of(spec, ConfigResolver.toolkit()));
        SweepTask t0 = d.tasks().get(0);
        assertEquals(NASTY, t0.params().get("dataDir").asText());
        assertEquals(NASTY, SweepSpec.JSON.readTree(d.configFile(t0.id()).toFile()).get("dataDir").asText());

        SlurmExecutor ex = new SlurmExecutor(d, new PrintStream(new ByteArrayOutputStream()));
        Path script = ex.prepare(List.of(0, 1));
        String text = Files.readString(script);
        for (String frag : List.of("PWNED", "touch", "rm -rf", "$HOME", "16-8-4", "no such dir", "out dir")) {
            if (frag.equals("$HOME")) continue;
            assertFalse(text.contains(frag), "script contains spec text '" + frag + "':\n" + text);
        }
        assertTrue(text.contains("#SBATCH --array=0-1%1"), text);
        assertTrue(text.contains("#SBATCH --partition=debug") && text.contains("#SBATCH --mem=1G") && text.contains("#SBATCH --time=5"), text);
        assertTrue(text.contains("#SBATCH --comment=\"quoted $(not run)\""), "extra lines pass through as directives:\n" + text);
        Process syntax = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertEquals(0, syntax.waitFor(), new String(syntax.getInputStream().readAllBytes()));

        // Run the array element exactly as slurmd would: bash SCRIPT in the submission directory.
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(d.path().toFile()).redirectErrorStream(true);
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
        pb.environment().put("SLURM_CPUS_PER_TASK", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("array index 0 -> task " + t0.id()), log);
        assertTrue(d.isDone(t0.id()), log);
        assertFalse(d.isDone(d.tasks().get(1).id()), "only array index 0 ran");

        JsonNode runJson = SweepSpec.JSON.readTree(d.taskDir(t0.id()).resolve("run.json").toFile());
        assertEquals(NASTY, runJson.get("config").get("dataDir").asText(), "the value reaches the run byte for byte");
        String workerLog = Files.readString(d.logFile(t0.id()));
        assertTrue(workerLog.contains("run --config"), workerLog);
        try (Stream<Path> s = Files.walk(tmp)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith("PWNED")), "a command in a spec value ran");
        }
        assertFalse(Files.exists(Path.of("PWNED1")) || Files.exists(Path.of("PWNED4")));

        // Array index without a task: refused before java starts.
        pb.environment().put("SLURM_ARRAY_TASK_ID", "7");
        Process bad = pb.start();
        String badLog = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, bad.waitFor(), badLog);
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0;touch PWNED6");
        assertEquals(2, pb.start().waitFor());
    }

    @Test
    void jvmArgsSurviveTheArgfileExactly() throws Exception {
        Path argfile = tmp.resolve("jvm.args");
        Path outFile = tmp.resolve("echo out");
        String cp = System.getProperty("java.class.path");
        StringBuilder b = new StringBuilder();
        for (String a : List.of(NASTY_JVM, "-cp", cp, ArgsEcho.class.getName(), outFile.toString(), NASTY)) {
            b.append(SlurmExecutor.argfileQuote(a)).append('\n');
        }
        Files.writeString(argfile, b.toString());
        Process p = new ProcessBuilder(TaskRunner.currentJava(), "@" + argfile).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        String[] got = Files.readString(outFile).split("\u0000", -1);
        assertEquals(NASTY_JVM.substring("-Decho.value=".length()), got[0]);
        assertEquals(NASTY, got[1]);
    }
}
