package org.thermolearn.experiments.run;

import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.experiments.cli.Version;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a run's numbers come from (after Tribuo's ModelProvenance): toolkit version, git commit when
 * known, JVM, the linear-algebra backend actually loaded, threads, host and start time. Stored in
 * run.json and in the schema metadata of every Arrow file.
 */
public record Provenance(String toolkitVersion, String gitCommit, String jvm, String linalgBackend, int cpus,
                         String openblasThreads, String host, String startedAt) {

    public static Provenance collect(Linalg la) {
        return new Provenance(Version.version(), lookupGitCommit(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                la.name(), Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_NUM_THREADS") == null ? "unset" : System.getenv("OPENBLAS_NUM_THREADS"),
                lookupHost(), Instant.now().toString());
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("toolkit_version", toolkitVersion);
        m.put("git_commit", gitCommit);
        m.put("jvm", jvm);
        m.put("linalg_backend", linalgBackend);
        m.put("cpus", String.valueOf(cpus));
        m.put("openblas_num_threads", openblasThreads);
        m.put("host", host);
        m.put("started_at", startedAt);
        return m;
    }

    private static String lookupHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * HEAD of the git checkout the toolkit's own classes were loaded from (found by walking up from the jar or
     * class directory), not of the user's working directory; "unknown" when there is none. Never fails.
     */
    private static String lookupGitCommit() {
        try {
            Path here = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            while (here != null && !Files.exists(here.resolve(".git"))) here = here.getParent();
            if (here == null) return "unknown";
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(here.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
