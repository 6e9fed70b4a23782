package org.thermolearn.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the temporary files a killed writer leaves in a run directory ({@code *.tmp}: a checkpoint,
 * stream, checksum, figure or status being written when the process died). Called at resume, under
 * the {@link RunLock}, so no live writer owns them.
 */
final class TempFiles {

    private TempFiles() { }

    static int clean(Path runDir, RunListener out) throws IOException {
        int n = 0;
        for (Path d : List.of(runDir, runDir.resolve("checkpoints"), runDir.resolve("figures"))) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.toList()) {
                    if (p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                        n++;
                    }
                }
            }
        }
        if (n > 0) out.info("removed " + n + " temporary file(s) left by the interrupted run");
        return n;
    }
}
