package org.thermolearn.experiments.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepSpecTest {

    @TempDir
    Path tmp;

    private SweepPlan plan(String yaml) throws Exception {
        return SweepPlan.of(SweepSpec.load(SweepTestSupport.write(tmp, "spec.yaml", yaml)), ConfigResolver.identity());
    }

    @Test
    void gridZipAndListCombineAsAProductInAStableOrder() throws Exception {
        SweepPlan p = plan("""
                name: t
                output: out
                base: {epochs: 2}
                axes:
                  - grid: {architecture: ["16-8-4", "16-8-8-4"], learningRate: [0.1, 0.2]}
                  - zip: {seed: [1, 2, 3], initScale: [0.5, 1.0, 1.5]}
                  - list: [{batchSize: 8}, {batchSize: 16, momentum: 0.9}]
                """);
        assertEquals(2 * 2 * 3 * 2, p.tasks().size());
        assertEquals(List.of("architecture", "learningRate", "seed", "initScale", "batchSize", "momentum"), p.spec().sweptKeys());
        SweepTask first = p.tasks().get(0), second = p.tasks().get(1);
        assertEquals("16-8-4", first.params().get("architecture").asText());
        assertEquals(8, first.params().get("batchSize").asInt());
        assertEquals(16, second.params().get("batchSize").asInt());
        assertEquals(0.9, second.config().get("momentum").asDouble());
        assertEquals(1.0, p.tasks().get(2).params().get("initScale").asDouble(), "zip pairs the i-th values");
        assertEquals(2, p.tasks().get(2).params().get("seed").asInt());
        Set<String> ids = new HashSet<>();
        for (SweepTask t : p.tasks()) {
            assertTrue(SweepTask.ID.matcher(t.id()).matches());
            assertEquals(2, t.config().get("epochs").asInt(), "base values reach every task");
            ids.add(t.id());
        }
        assertEquals(p.tasks().size(), ids.size());
    }

    @Test
    void idsAreAHashOfTheResolvedConfigIndependentOfKeyOrderAndOutput() throws Exception {
        SweepPlan a = plan("name: a\nbase: {epochs: 2, seed: 3}\naxes: [{grid: {learningRate: [0.1]}}]\n");
        SweepPlan b = plan("name: b\noutput: elsewhere\nbase: {seed: 3, learningRate: 0.1}\naxes: [{grid: {epochs: [2]}}]\n");
        assertEquals(a.tasks().get(0).id(), b.tasks().get(0).id());
        SweepPlan c = plan("name: c\nbase: {epochs: 2, seed: 4}\naxes: [{grid: {learningRate: [0.1]}}]\n");
        assertNotEquals(a.tasks().get(0).id(), c.tasks().get(0).id());
        // stable across releases: pinned to a literal, the first 12 hex digits of SHA-256 over the canonical
        // (sorted, compact) JSON {"epochs":2,"learningRate":0.1,"seed":3}, computed outside the toolkit
        // (python3 -c 'import hashlib; print(hashlib.sha256(b"{...}").hexdigest()[:12])')
        assertEquals("bc9ca482fb05", a.tasks().get(0).id());
        assertEquals("bc9ca482fb05", SweepTask.idOf((com.fasterxml.jackson.databind.node.ObjectNode)
                SweepSpec.JSON.readTree("{\"seed\":3,\"epochs\":2,\"learningRate\":0.1,\"output\":\"ignored\"}")));
    }

    @Test
    void duplicateTasksAndBadAxesAreRejectedWithAClearMessage() {
        var dup = assertThrows(SweepException.class, () -> plan("name: d\nbase: {seed: 1}\naxes: [{list: [{seed: 1}, {seed: 1}]}]\n"));
        assertTrue(dup.getMessage().contains("same configuration"), dup.getMessage());
        var zip = assertThrows(SweepException.class, () -> plan("name: z\naxes: [{zip: {seed: [1, 2], learningRate: [0.1]}}]\n"));
        assertTrue(zip.getMessage().contains("equal lengths"), zip.getMessage());
        var out = assertThrows(SweepException.class, () -> plan("name: o\naxes: [{grid: {output: [a, b]}}]\n"));
        assertTrue(out.getMessage().contains("'output' cannot be swept"), out.getMessage());
        var twice = assertThrows(SweepException.class, () -> plan("name: w\naxes: [{grid: {seed: [1]}}, {grid: {seed: [2]}}]\n"));
        assertTrue(twice.getMessage().contains("already swept"), twice.getMessage());
        var unk = assertThrows(SweepException.class, () -> plan("name: u\naxis: []\n"));
        assertTrue(unk.getMessage().contains("unknown key 'axis'"), unk.getMessage());
        var name = assertThrows(SweepException.class, () -> plan("name: \"../x\"\n"));
        assertTrue(name.getMessage().contains("name"), name.getMessage());
    }

    @Test
    void slurmOptionsThatCouldReachAShellAreRejected() {
        for (String bad : List.of("partition: \"debug; rm -rf /\"", "time: \"$(reboot)\"", "mem: \"4G\\n#SBATCH --x\"",
                "extra: [\"--qos=a\\nrm -rf /\"]", "extra: [\"echo hi\"]")) {
            var e = assertThrows(SweepException.class, () -> plan("name: s\nslurm:\n  " + bad + "\n"), bad);
            assertTrue(e.getMessage().contains("slurm"), e.getMessage());
        }
        var jvm = assertThrows(SweepException.class, () -> plan("name: j\njvmArgs: [\"-Xmx1g\\n-Dx=1\"]\n"));
        assertTrue(jvm.getMessage().contains("jvmArgs"), jvm.getMessage());
    }

    @Test
    void theToolkitResolverFillsDefaultsAndNamesABadKey() throws Exception {
        SweepSpec s = SweepSpec.load(SweepTestSupport.write(tmp, "t.yaml", "name: t\nbase: {epochs: 1}\naxes: [{grid: {learningRate: [0.1, -2]}}]\n"));
        var e = assertThrows(SweepException.class, () -> SweepPlan.of(s, ConfigResolver.toolkit()));
        assertTrue(e.getMessage().contains("task 1") && e.getMessage().contains("learningRate"), e.getMessage());
        SweepSpec ok = SweepSpec.load(SweepTestSupport.write(tmp, "u.yaml", "name: u\nbase: {epochs: 1}\naxes: [{grid: {learningRate: [0.1, 0.2]}}]\n"));
        SweepPlan p = SweepPlan.of(ok, ConfigResolver.toolkit());
        assertEquals("784-100-10", p.tasks().get(0).config().get("architecture").asText(), "defaults resolved");
        assertFalse(p.tasks().get(0).config().has("output"));
        var unknown = assertThrows(SweepException.class, () -> SweepPlan.of(SweepSpec.load(SweepTestSupport.write(tmp, "v.yaml",
                "name: v\naxes: [{grid: {learningrate: [0.1]}}]\n")), ConfigResolver.toolkit()));
        assertTrue(unknown.getMessage().contains("learningRate"), "suggests the right key: " + unknown.getMessage());
    }

    @Test
    void relativeDataDirBecomesAbsoluteSoWorkersElsewhereFindIt() throws Exception {
        SweepPlan p = plan("name: r\nbase: {dataDir: data/mnist}\n");
        String d = p.tasks().get(0).config().get("dataDir").asText();
        assertTrue(Path.of(d).isAbsolute(), d);
        assertTrue(d.endsWith("data/mnist"), d);
    }

    @Test
    void theDocumentedExampleSpecPlansTwelveTasks() throws Exception {
        Path example = Path.of(SweepSpecTest.class.getResource("/sweep/example.yaml").toURI());
        SweepSpec s = SweepSpec.load(example);
        SweepPlan p = SweepPlan.of(s, ConfigResolver.toolkit());
        assertEquals(12, p.tasks().size());
        assertEquals(4, s.slurm().throttle());
        assertEquals(List.of("--qos=normal"), s.slurm().extra());
        assertEquals(List.of("architecture", "learningRate", "seed", "initScale"), s.sweptKeys());
    }

    @Test
    void planRendersEveryTaskWithItsId() throws Exception {
        SweepPlan p = plan(SweepTestSupport.spec12("r12", tmp.resolve("o"), 2));
        String text = p.render();
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        assertEquals(12 + 2, lines.size(), text);
        for (SweepTask t : p.tasks()) assertTrue(text.contains(t.id()));
    }
}
