package org.thermolearn.experiments.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatDocTest {

    @Test
    void committedFormatDocIsUpToDate() throws Exception {
        Path doc = Path.of("..", "docs", "FORMAT.md");
        assertEquals(FormatDoc.markdown(), Files.readString(doc),
                "docs/FORMAT.md is stale: regenerate it with FormatDoc (see its javadoc)");
    }
}
