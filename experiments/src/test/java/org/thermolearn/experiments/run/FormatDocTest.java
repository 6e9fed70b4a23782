package org.thermolearn.experiments.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatDocTest {

    /** Regenerate with {@code -Dthermolearn.regenerate=true} (writes docs/FORMAT.md from the Metric registry). */
    @Test
    void committedFormatDocIsUpToDate() throws Exception {
        Path doc = Path.of("..", "docs", "FORMAT.md");
        if (Boolean.getBoolean("thermolearn.regenerate")) Files.writeString(doc, FormatDoc.markdown());
        assertEquals(FormatDoc.markdown(), Files.readString(doc),
                "docs/FORMAT.md is stale: regenerate it with FormatDoc (see its javadoc)");
    }
}
