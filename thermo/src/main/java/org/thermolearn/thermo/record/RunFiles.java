package org.thermolearn.thermo.record;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the Arrow files in a run directory (docs/DESIGN.md, "Run directory") and the schema
 * metadata keys every record file carries to say what it is.
 */
public final class RunFiles {

    /** One row per checkpoint. */
    public static final String METRICS = "metrics.arrow";
    /** One batch per checkpoint, one row per integration space. */
    public static final String SPECTRA = "spectra.arrow";
    /** One batch per checkpoint, one row per block of ŵ: the per-layer weight spectra. */
    public static final String LAYERS = "layers.arrow";
    /** Directory of {@code ckpt-<index>.arrow} network snapshots. */
    public static final String CHECKPOINTS = "checkpoints";

    /** Schema-metadata key naming the file kind: "metrics", "spectra" or "checkpoint". */
    public static final String KIND_KEY = "thermolearn.kind";
    /** Schema-metadata key of the layout version of the file kind. */
    public static final String VERSION_KEY = "thermolearn.format_version";
    /**
     * The current format version. 2 (issue 11): spectra.arrow rows carry {@code route} and, on the stochastic
     * route, an estimated density and quadrature measure instead of the eigenvalue list; metrics.arrow gains
     * route, probe, step and standard-error columns. Readers accept versions 1 and 2.
     */
    public static final String VERSION = "2";

    private RunFiles() { }

    public static Path metrics(Path runDir) { return runDir.resolve(METRICS); }

    public static Path spectra(Path runDir) { return runDir.resolve(SPECTRA); }

    public static Path layers(Path runDir) { return runDir.resolve(LAYERS); }

    public static Path checkpointDir(Path runDir) { return runDir.resolve(CHECKPOINTS); }

    /** {@code checkpoints/ckpt-<index>.arrow}. */
    public static Path checkpoint(Path runDir, long index) {
        if (index < 0) throw new IllegalArgumentException("checkpoint index " + index + " is negative");
        return checkpointDir(runDir).resolve("ckpt-" + index + ".arrow");
    }

    /** The user's metadata plus the kind and version keys, refusing user keys that collide. */
    static Map<String, String> withKind(String kind, Map<String, String> user) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KIND_KEY, kind);
        m.put(VERSION_KEY, VERSION);
        for (Map.Entry<String, String> e : user.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("schema metadata entry " + e + " has a null key or value");
            }
            if (m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("schema metadata key '" + e.getKey() + "' is reserved by ThermoLearn");
            }
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }
}
