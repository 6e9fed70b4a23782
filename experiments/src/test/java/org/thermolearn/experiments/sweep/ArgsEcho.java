package org.thermolearn.experiments.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: writes its arguments and selected system properties to a file, one per line, to check quoting. */
public final class ArgsEcho {
    private ArgsEcho() { }

    public static void main(String[] args) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append(System.getProperty("echo.value", "")).append('\u0000');
        for (int i = 1; i < args.length; i++) b.append(args[i]).append('\u0000');
        Files.writeString(Path.of(args[0]), b.toString(), StandardCharsets.UTF_8);
    }
}
