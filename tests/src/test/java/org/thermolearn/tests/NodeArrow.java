package org.thermolearn.tests;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The independent Arrow reader of the tests: npm apache-arrow@21.2.0, installed once under target/. */
final class NodeArrow {

    static final String PACKAGE = "apache-arrow@21.2.0";

    private NodeArrow() { }

    static synchronized Path install() throws Exception {
        Path modules = Path.of("target", "npm-apache-arrow-21.2.0").toAbsolutePath();
        if (Files.isDirectory(modules.resolve("node_modules").resolve("apache-arrow"))) return modules;
        Files.createDirectories(modules);
        Process p = new ProcessBuilder("npm", "install", "--prefix", modules.toString(), PACKAGE, "--no-audit", "--no-fund")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) Assumptions.abort("npm install " + PACKAGE + " failed (offline?): " + out);
        return modules;
    }
}
