package org.thermolearn.experiments.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The {@code status} file of a run directory: {@code running}, {@code done} or {@code failed: <reason>}. */
public final class RunStatus {

    public static final String FILE = "status";

    private RunStatus() { }

    /** Writes the status atomically (temp file + rename), so a reader never sees half a line. */
    public static void write(Path runDir, String status) throws IOException {
        Path tmp = runDir.resolve(".status.tmp");
        try {
            Files.writeString(tmp, status + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a full disk may refuse a new file but still let the existing one (one block) be rewritten in place:
            // a status that says why the run stopped beats one that still says "running"
            Files.deleteIfExists(tmp);
            try {
                Files.writeString(runDir.resolve(FILE), status + "\n", StandardCharsets.UTF_8);
            } catch (IOException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    /** The status line, or "missing" when the file does not exist. */
    public static String read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : "missing";
    }
}
