package org.thermolearn.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast subset of the fault-injection suite (issue 15; the full one is tests/fault-injection.sh):
 * more than 100 bad configurations and inputs, each exit 2 with one line and nothing created; bad
 * data directories left untouched; divergence ending in exit 3 with records kept; damaged records
 * named by inspect and recovered bit for bit by resume; a kill -9 at a checkpoint event resumed
 * bit for bit. Real files, real child processes for the kill; no timing.
 */
class FaultInjectionTest {

    @TempDir
    static Path tmp;
    static Path data, cfg;

    @BeforeAll
    static void setUp() throws IOException {
        data = RunFixtures.syntheticData(tmp.resolve("data"));
        cfg = RunFixtures.config(tmp.resolve("cfg.yaml"), data, 3, "");
    }

    /** A bad case: the arguments (CFG, DATA, TMP substituted) and an optional config file body. */
    record Bad(String name, List<String> args, String file) {
        @Override
        public String toString() { return name; }
    }

    static Bad flag(String... a) { return new Bad(String.join(" ", a), List.of(a), null); }

    static Bad file(String name, String body) { return new Bad("file: " + name, List.of(), body); }

    static Stream<Bad> badInputs() {
        List<Bad> b = new ArrayList<>();
        for (String arch : List.of("64-16-12-4+0>2,0>2", "64-2000000000-4", "64-0-4", "64--4", "abc", "64", "64-16-4+0>1",
                "64-16-4+2>0", "64-16-4+0>9", "65-16-4", "64-16-5", "64-16-4+x", "64-70000-70000-4")) b.add(flag("--arch", arch));
        for (String[] kv : new String[][] {{"--init-scale", "Infinity"}, {"--init-scale", "-1"}, {"--init-scale", "NaN"},
                {"--l2", "Infinity"}, {"--l2", "-1"}, {"--mass", "Infinity"}, {"--mass", "-1"}, {"--beta", "Infinity"},
                {"--beta", "0"}, {"--beta", "-1"}, {"--lr", "0"}, {"--lr", "-1"}, {"--lr", "Infinity"}, {"--lr", "NaN"},
                {"--lr", "abc"}, {"--momentum", "1"}, {"--momentum", "-0.1"}, {"--momentum", "2"}, {"--batch", "0"},
                {"--batch", "-5"}, {"--batch", "1000000"}, {"--batch", "1.5"}, {"--bulk-samples", "99999999"},
                {"--bulk-samples", "-1"}, {"--train-count", "70000"}, {"--train-count", "0"}, {"--train-count", "-1"},
                {"--epochs", "-1"}, {"--epochs", "abc"}, {"--epochs", "1.5"}, {"--steps-per-epoch", "-1"},
                {"--checkpoints", "every:0"}, {"--checkpoints", "every:x"}, {"--checkpoints", "0,99"}, {"--checkpoints", "foo"},
                {"--spaces", "foo"}, {"--spaces", ""}, {"--fprime", "foo"}, {"--activation", "foo"},
                {"--output-activation", "foo"}, {"--loss", "foo"}, {"--loss", "binary_cross_entropy"}, {"--targets", "0,2"},
                {"--schedule", "foo"}, {"--init", "foo"}, {"--linalg", "foo"}, {"--seed", "abc"}, {"--seed", "1.5"},
                {"--set", "foo"}, {"--set", "foo=1"}, {"--set", "learningrate=0.1"}, {"--set", "output="}, {"--set", "dataDir="},
                {"--set", "lambdaC=Infinity"}, {"--set", "lambdaC=0"}, {"--set", "scheduleGamma=Infinity"},
                {"--set", "scheduleGamma=0"}, {"--set", "scheduleEvery=0"}, {"--set", "validationCount=-1"},
                {"--set", "testCount=-1"}, {"--set", "architecture="}, {"--set", "hiddenActivation="}, {"--set", "mass=abc"},
                {"--data", "/nonexistent/dir"}, {"--data", "TMP/empty"}, {"--data", "TMP/partial"}, {"--data", "TMP/dangling"},
                {"--data", "TMP/afile"}, {"--data", "TMP/label255"}, {"-o", "/proc/x"}, {"-o", "TMP/nonempty"}, {"-o", "TMP/afile"},
                {"--preset", "foo"}, {"--config", "/nonexistent.yaml"}, {"--config", "TMP/empty"}, {"--foo", "1"}}) {
            b.add(flag(kv));
        }
        b.add(flag("--foo"));
        String[][] files = {
                {"duplicate key", "learningRate: 0.1\nlearningRate: 1000\n"},
                {"duplicate key json", "{\"learningRate\": 0.1, \"learningRate\": 1000}"},
                {"epochs null", "epochs: null\n"}, {"seed tilde", "seed: ~\n"}, {"batch null", "batchSize: null\n"},
                {"lr null", "learningRate: null\n"}, {"architecture null", "architecture: null\n"},
                {"a list", "[1, 2, 3]\n"}, {"bad yaml", "foo: [\n"}, {"epochs float", "epochs: 1.5\n"},
                {"epochs text", "epochs: five\n"}, {"lr bool", "learningRate: true\n"}, {"unknown key", "unknownKey: 1\n"},
                {"train float", "trainCount: 1e5\n"}, {"output empty", "output: \"\"\n"}, {"dataDir empty", "dataDir: \"\"\n"},
                {"momentum nan", "momentum: .nan\n"}, {"lr inf", "learningRate: .inf\n"}, {"batch huge", "batchSize: 1000000\n"},
                {"bulk huge", "bulkSamples: 99999999\n"}, {"schedule gamma inf", "scheduleGamma: .inf\n"},
                {"nested", "learningRate: {a: 1}\n"}, {"preset bad", "preset: nope\n"}};
        for (String[] f : files) b.add(file(f[0], f[1]));
        return b.stream();
    }

    static void prepareInputs() throws IOException {
        if (Files.exists(tmp.resolve("empty"))) return;
        Files.createDirectories(tmp.resolve("empty"));
        Path partial = Files.createDirectories(tmp.resolve("partial"));
        Path dangling = Files.createDirectories(tmp.resolve("dangling"));
        Path label = Files.createDirectories(tmp.resolve("label255"));
        try (var s = Files.list(data)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith("t10k-labels")) Files.copy(p, partial.resolve(n));
                if (n.startsWith("train-images")) Files.createSymbolicLink(dangling.resolve(n), tmp.resolve("nowhere"));
                else Files.copy(p, dangling.resolve(n));
                Files.copy(p, label.resolve(n));
            }
        }
        Path labels = label.resolve("train-labels-idx1-ubyte");
        byte[] l = Files.readAllBytes(labels);
        l[8 + 17] = (byte) 255; // one label of 255 in a 4-class set
        Files.write(labels, l);
        Files.writeString(tmp.resolve("afile"), "x");
        Files.createDirectories(tmp.resolve("nonempty"));
        Files.writeString(tmp.resolve("nonempty").resolve("keep.txt"), "mine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void everyBadInputIsOneLineExit2AndCreatesNothing(Bad bad) throws Exception {
        prepareInputs();
        Path out = tmp.resolve("out-" + Integer.toHexString(bad.name().hashCode()));
        Path config = cfg;
        if (bad.file() != null) {
            config = tmp.resolve("bad-" + Integer.toHexString(bad.name().hashCode()) + (bad.file().startsWith("{") ? ".json" : ".yaml"));
            if (bad.file().startsWith("[") || bad.file().startsWith("{") || bad.file().startsWith("foo")) {
                Files.writeString(config, bad.file());
            } else { // the base config without the keys the case sets, then the case
                java.util.Set<String> keys = new java.util.HashSet<>();
                bad.file().lines().forEach(l -> keys.add(l.split(":", 2)[0].trim()));
                keys.remove("learningRate"); // the duplicate-key case collides on purpose with itself, not the base
                StringBuilder body = new StringBuilder();
                for (String l : Files.readAllLines(cfg)) if (!keys.contains(l.split(":", 2)[0].trim()) && !l.startsWith("learningRate")) body.append(l).append('\n');
                Files.writeString(config, body + bad.file());
            }
        }
        Snapshot before = Snapshot.of(tmp, out);
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString()));
        boolean ownOutput = bad.args().contains("-o") || bad.args().contains("--set") && String.join(" ", bad.args()).contains("output=")
                || bad.file() != null && bad.file().contains("output:");
        if (!ownOutput) args.addAll(List.of("-o", out.toString()));
        for (String a : bad.args()) args.add(a.replace("TMP", tmp.toString()));
        RunFixtures.Result r = RunFixtures.cli(args.toArray(String[]::new));
        String err = r.err().strip();
        assertEquals(2, r.code(), () -> bad + ": " + err);
        assertEquals(1, err.lines().count(), () -> bad + ": not one line:\n" + err);
        assertTrue(err.startsWith("thermolearn: "), err);
        assertFalse(err.matches(".*(Exception|Error:|\\tat ).*"), () -> bad + ": names an exception: " + err);
        assertFalse(Files.exists(out), () -> bad + ": created " + out);
        assertEquals(before, Snapshot.of(tmp, out), () -> bad + ": changed files under " + tmp);
    }

    /** Every file under a directory with its SHA-256 (a symbolic link by its target), except the per-case output. */
    record Snapshot(TreeMap<String, String> files) {
        static Snapshot of(Path root, Path except) throws IOException {
            TreeMap<String, String> m = new TreeMap<>();
            try (var s = Files.walk(root)) {
                for (Path p : s.toList()) {
                    if (p.startsWith(except) || p.getFileName().toString().startsWith("bad-") || p.startsWith(tmp.resolve("runs"))) continue;
                    if (Files.isSymbolicLink(p)) m.put(root.relativize(p).toString(), "-> " + Files.readSymbolicLink(p));
                    else if (Files.isRegularFile(p)) m.put(root.relativize(p).toString(), sha(p));
                    else m.put(root.relativize(p) + "/", "dir");
                }
            }
            return new Snapshot(m);
        }
    }

    static String sha(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void damagedRunJsonAndNonRunsAreOneLineExit2() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        for (String body : new String[] {"garbage{", "", "[1,2,3]", "{\"config\": 3}"}) {
            Path d = Files.createDirectories(runs.resolve("json-" + Integer.toHexString(body.hashCode())));
            Files.writeString(d.resolve("run.json"), body);
            for (String cmd : new String[] {"resume", "inspect", "report"}) {
                RunFixtures.Result r = RunFixtures.cli(cmd, d.toString());
                assertEquals(2, r.code(), () -> cmd + " on run.json '" + body + "': " + r.err());
                assertEquals(1, r.err().strip().lines().count(), r.err());
            }
            assertFalse(Files.exists(d.resolve("figures")), "report created figures/ in a damaged run");
        }
        Path empty = Files.createDirectories(runs.resolve("empty"));
        for (String cmd : new String[] {"resume", "inspect", "report"}) {
            assertEquals(2, RunFixtures.cli(cmd, empty.toString()).code(), cmd);
            assertEquals(2, RunFixtures.cli(cmd, runs.resolve("nope").toString()).code(), cmd);
        }
        try (var s = Files.list(empty)) {
            assertEquals(0, s.count(), "inspect/report/resume created something in a non-run directory");
        }
        assertEquals(2, RunFixtures.cli("frobnicate").code());
    }

    @Test
    void divergenceIsExit3WithRecordsKept() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        for (String[] extra : new String[][] {{"--lr", "1e300"}, {"--lr", "1e6"}}) {
            Path run = runs.resolve("div" + extra[1]);
            RunFixtures.Result r = RunFixtures.cli("run", "--config", cfg.toString(), "-o", run.toString(), extra[0], extra[1]);
            assertEquals(3, r.code(), r.err());
            String status = Files.readString(run.resolve("status")).strip();
            assertTrue(status.startsWith("failed: diverged at epoch "), status);
            assertTrue(Files.exists(run.resolve("checkpoints").resolve("ckpt-0.arrow")), "checkpoint 0 kept");
            assertEquals(0, RunFixtures.cli("inspect", run.toString()).code(), "the kept records are sound");
        }
    }

    /**
     * Large steps on single samples (lr 0.5, batch 1: 500 updates an epoch) make the loss noisy from
     * the start; the runaway rule (loss above 4·L₀ for 3 epochs, or at the last one) must not call
     * that divergence.
     */
    @Test
    void aNoisyStartIsNeverDivergence() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        for (String lr : new String[] {"0.5", "0.3"}) {
            Path run = runs.resolve("noisy-" + lr);
            RunFixtures.Result r = RunFixtures.cli("run", "--config", cfg.toString(), "-o", run.toString(), "--lr", lr, "--batch", "1",
                    "--epochs", "6");
            assertEquals(0, r.code(), () -> "lr " + lr + ": " + r.err());
            assertEquals("done", Files.readString(run.resolve("status")).strip(), "lr " + lr);
        }
    }

    /** A live run is {@code running (pid … on …)}; the same run after kill -9 is {@code stale (last heartbeat …, pid … on host …)}. */
    @Test
    void aKilledRunIsStaleWithItsPidAndHostNeverRunning() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path run = runs.resolve("heartbeat");
        Path longCfg = RunFixtures.config(tmp.resolve("long.yaml"), data, 500, "");
        Process p = RunFixtures.childCli(tmp.resolve("logs"), "heartbeat", "run", "--config", longCfg.toString(), "--output", run.toString());
        Path ckpt1 = run.resolve("checkpoints").resolve("ckpt-1.arrow");
        while (!Files.exists(ckpt1) && p.isAlive()) Thread.sleep(20); // the event: a checkpoint recorded
        assertTrue(p.isAlive(), "the 500-epoch run ended early");
        String live = RunFixtures.cli("inspect", run.toString()).out().lines().findFirst().orElse("");
        assertTrue(live.contains("status running (pid " + p.pid() + " on "), live);
        p.destroyForcibly().waitFor();
        String dead = RunFixtures.cli("inspect", run.toString()).out().lines().findFirst().orElse("");
        assertTrue(dead.contains("status stale (last heartbeat ") && dead.contains("pid " + p.pid() + " on host "), dead);
        assertEquals("running", Files.readString(run.resolve("status")).strip(), "the status file itself still says running");
    }

    @Test
    void damagedRecordsAreNamedAndResumeRecoversThemBitForBit() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path ref = runs.resolve("ref");
        assertEquals(0, RunFixtures.cli("run", "--config", cfg.toString(), "-o", ref.toString(), "--momentum", "0.9").code());
        record Damage(String name, String file, java.util.function.UnaryOperator<byte[]> f) { }
        List<Damage> damages = List.of(
                new Damage("flip a byte in checkpoint 2", "checkpoints/ckpt-2.arrow", b -> { b[b.length / 2] ^= 1; return b; }),
                new Damage("zero 4 KB of checkpoint 3", "checkpoints/ckpt-3.arrow", b -> { java.util.Arrays.fill(b, b.length / 4, Math.min(b.length, b.length / 4 + 4096), (byte) 0); return b; }),
                new Damage("delete checkpoint 1", "checkpoints/ckpt-1.arrow", b -> null),
                new Damage("cut metrics.arrow", "metrics.arrow", b -> java.util.Arrays.copyOf(b, b.length - 300)),
                new Damage("zero 64 bytes of a metrics batch", "metrics.arrow", b -> { java.util.Arrays.fill(b, b.length - 400, b.length - 336, (byte) 0); return b; }),
                new Damage("flip a byte in spectra.arrow", "spectra.arrow", b -> { b[b.length - 100] ^= 0x10; return b; }));
        for (Damage d : damages) {
            Path run = runs.resolve("dmg-" + Integer.toHexString(d.name().hashCode()));
            copyTree(ref, run);
            Path f = run.resolve(d.file());
            byte[] b = d.f().apply(Files.readAllBytes(f));
            if (b == null) Files.delete(f); else Files.write(f, b);
            RunFixtures.Result insp = RunFixtures.cli("inspect", run.toString());
            assertEquals(2, insp.code(), () -> d.name() + ": inspect " + insp.out() + insp.err());
            assertTrue(insp.err().contains("is damaged") && insp.err().contains("resume"), () -> d.name() + ": " + insp.err());
            assertEquals(2, RunFixtures.cli("report", run.toString()).code(), d.name());
            RunFixtures.Result res = RunFixtures.cli("resume", run.toString());
            assertEquals(0, res.code(), () -> d.name() + ": " + res.err());
            assertEquals(0, RunFixtures.cli("inspect", run.toString()).code(), d.name());
            assertEquals("done", Files.readString(run.resolve("status")).strip(), d.name());
            for (int k = 0; k <= 3; k++) {
                String c = "checkpoints/ckpt-" + k + ".arrow";
                assertArrayEquals(Files.readAllBytes(ref.resolve(c)), Files.readAllBytes(run.resolve(c)), d.name() + ": " + c);
            }
        }
    }

    @Test
    void aRunKilledAtACheckpointResumesBitForBit() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path logs = tmp.resolve("logs");
        Path full = runs.resolve("k-full"), killed = runs.resolve("k-killed");
        Process a = RunFixtures.childCli(logs, "kfull", "run", "--config", cfg.toString(), "--output", full.toString());
        Process b = RunFixtures.childCli(logs, "kkilled", "run", "--config", cfg.toString(), "--output", killed.toString());
        Path ckpt1 = killed.resolve("checkpoints").resolve("ckpt-1.arrow");
        while (!Files.exists(ckpt1) && b.isAlive()) Thread.sleep(10); // the event: checkpoint 1 renamed into place
        b.destroyForcibly().waitFor();
        assertEquals(0, RunFixtures.waitFor(a));
        String state = RunFixtures.cli("inspect", killed.toString()).out();
        assertTrue(state.contains("stale") || state.contains("status done"), state);
        Process c = RunFixtures.childCli(logs, "kresume", "resume", killed.toString());
        assertEquals(0, RunFixtures.waitFor(c));
        for (int k = 0; k <= 3; k++) {
            String f = "checkpoints/ckpt-" + k + ".arrow";
            assertArrayEquals(Files.readAllBytes(full.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        try (var s = Files.walk(killed)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "temporary files left");
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
