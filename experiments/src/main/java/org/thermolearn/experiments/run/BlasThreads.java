package org.thermolearn.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.thermolearn.core.linalg.Linalg;
import org.thermolearn.core.linalg.NetlibLinalg;
import org.thermolearn.experiments.cli.BadInputException;
import org.thermolearn.experiments.config.ConfigLoader;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The number of threads native BLAS (OpenBLAS) uses, and where that number came from. OpenBLAS
 * splits a product differently for a different thread count, so the last digits of a result
 * depend on it: run.json records it ({@code "threads"}) and a resume with another count is
 * refused, saying which setting restores it ({@link #checkSame}). The pure-Java backend is
 * single-threaded and deterministic; it records 1.
 *
 * @param threads the thread count used
 * @param source  how it was chosen, e.g. {@code OPENBLAS_NUM_THREADS=1} or {@code default (all 16 CPUs)}
 */
public record BlasThreads(int threads, String source) {

    /** The count the loaded backend uses in this process. */
    public static BlasThreads current(Linalg la) {
        return of(la instanceof NetlibLinalg, System::getenv, Runtime.getRuntime().availableProcessors());
    }

    /** OpenBLAS's rule: OPENBLAS_NUM_THREADS, else OMP_NUM_THREADS, else one per CPU. */
    static BlasThreads of(boolean nativeBlas, Function<String, String> env, int cpus) {
        if (!nativeBlas) return new BlasThreads(1, "java backend (single-threaded)");
        for (String k : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String v = env.apply(k);
            if (v != null && !v.isBlank()) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n >= 1) return new BlasThreads(n, k + "=" + v.trim());
                } catch (NumberFormatException ignored) {
                    // OpenBLAS ignores a value it cannot parse, so do we
                }
            }
        }
        return new BlasThreads(cpus, "default (all " + cpus + " CPUs)");
    }

    public ObjectNode toJson() {
        ObjectNode n = ConfigLoader.json().createObjectNode();
        n.put("blas_threads", threads);
        n.put("source", source);
        return n;
    }

    /** Refuses to continue a run with another thread count than it started with (the records would not be bit-identical). */
    public void checkSame(JsonNode recorded, Path runDir) {
        if (recorded == null || !recorded.has("blas_threads")) return; // a run from before threads were recorded
        int was = recorded.get("blas_threads").asInt();
        if (was == threads) return;
        String src = recorded.path("source").asText("");
        String fix = src.contains("=") ? "resume with " + src : "resume with OPENBLAS_NUM_THREADS=" + was;
        throw new BadInputException(runDir + " started with " + was + " BLAS thread(s) (" + src + "), this process would use " + threads
                + " (" + source + "); the resumed numbers would differ in the last digits from an uninterrupted run: " + fix);
    }
}
