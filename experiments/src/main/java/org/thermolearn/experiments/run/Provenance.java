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
 * known and whether the checkout had uncommitted changes (dirty flag), JVM, the linear-algebra backend actually loaded, threads, host and start time. Stored in
 * run.json and in the schema metadata of every Arrow file.
 */
public record Provenance(String toolkitVersion, String gitCommit, String gitDirty, String jvm, String linalgBackend, int cpus,
                         String openblasThreads, String host, String startedAt) {

    public static Provenance collect(Linalg la) {
        Path checkout = checkout();
        return new Provenance(Version.version(), gitCommit(checkout), gitDirty(checkout),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                la.name(), Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_NUM_THREADS") == null ? "unset" : System.getenv("OPENBLAS_NUM_THREADS"),
                lookupHost(), Instant.now().toString());
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("toolkit_version", toolkitVersion);
        m.put("git_commit", gitCommit);
        m.put("git_dirty", gitDirty);
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
     * The git checkout the toolkit's own classes were loaded from (found by walking up from the jar or
     * class directory), not the user's working directory; null when there is none.
     */
    private static Path checkout() {
        try {
            Path here = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            while (here != null && !Files.exists(here.resolve(".git"))) here = here.getParent();
            return here;
        } catch (Exception e) {
            return null;
        }
    }

    /** HEAD of the checkout, or "unknown". Never fails. */
    private static String gitCommit(Path checkout) {
        String out = git(checkout, "rev-parse", "HEAD");
        return out != null && out.matches("[0-9a-f]{40}") ? out : "unknown";
    }

    /**
     * "true" if the checkout's tracked files differ from HEAD (the numbers come from code no commit
     * holds), "false" if they do not, "unknown" without git. Never fails.
     */
    private static String gitDirty(Path checkout) {
        String out = git(checkout, "status", "--porcelain", "--untracked-files=no");
        return out == null ? "unknown" : String.valueOf(!out.isEmpty());
    }

    /** The trimmed output of a git command in the checkout, or null if it cannot run or fails. */
    private static String git(Path checkout, String... args) {
        if (checkout == null) return null;
        try {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git"));
            cmd.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }
}
