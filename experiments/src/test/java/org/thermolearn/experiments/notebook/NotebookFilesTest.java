package org.thermolearn.experiments.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the committed notebooks (they are executed for real by notebooks/run-notebooks.sh):
 * valid nbformat 4 JSON for the thermolearn-java kernel, committed without outputs, the one-line
 * {@code %jar lib} set-up, the facade import, the markers the output checker looks for, and prose that
 * cites theory.md's formula numbers.
 */
class NotebookFilesTest {

    private static final Path DIR = Path.of("..", "notebooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().matches("0[1-4]-.*\\.ipynb")).sorted().toList();
        }
    }

    private static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (s.isTextual()) return s.asText();
        StringBuilder b = new StringBuilder();
        s.forEach(l -> b.append(l.asText()));
        return b.toString();
    }

    @Test
    void fourNotebooksCommittedWithoutOutputsForTheJavaKernel() throws Exception {
        List<Path> nbs = notebooks();
        assertEquals(List.of("01-quickstart.ipynb", "02-explore-run.ipynb", "03-theory-checks.ipynb", "04-sweep-analysis.ipynb"),
                nbs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : nbs) {
            JsonNode nb = JSON.readTree(p.toFile());
            assertEquals(4, nb.get("nbformat").asInt(), p + " nbformat");
            assertEquals("thermolearn-java", nb.at("/metadata/kernelspec/name").asText(), p + " kernel");
            List<String> code = new ArrayList<>();
            StringBuilder prose = new StringBuilder();
            for (JsonNode c : nb.get("cells")) {
                assertTrue(c.hasNonNull("id"), p + ": every cell has an id");
                if (c.get("cell_type").asText().equals("code")) {
                    assertEquals(0, c.get("outputs").size(), p + ": committed without outputs");
                    assertTrue(c.get("execution_count").isNull(), p + ": not executed");
                    code.add(source(c));
                } else {
                    prose.append(source(c));
                }
            }
            assertEquals("%jar lib", code.get(0).strip(), p + ": the set-up line");
            assertTrue(code.get(1).contains("import org.thermolearn.experiments.notebook.*;"), p + ": the facade import");
            assertTrue(code.get(code.size() - 1).contains("NOTEBOOK-TIME"), p + ": the timing line the checker reads");
            assertTrue(prose.toString().matches("(?s).*\\((S\\d+)\\).*"), p + ": prose cites formula numbers");
            String all = String.join("\n", code);
            assertTrue(all.contains(".show()"), p + ": shows a figure inline");
            assertFalse(all.contains("import org.thermolearn.core") || all.contains("import org.thermolearn.thermo"),
                    p + ": notebooks use the facade only");
        }
        String quick = Files.readString(nbs.get(0));
        assertTrue(quick.contains("ACCURACY test"));
        String checks = Files.readString(nbs.get(2));
        for (String id : List.of("P2", "P4", "P13", "S33", "S34", "IDENTITIES")) assertTrue(checks.contains(id), id);
    }
}
