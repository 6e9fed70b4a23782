package org.thermolearn.experiments;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The toolkit's one logging path: SLF4J (slf4j-simple, configured by
 * {@code simplelogger.properties}). Libraries that log through {@code java.util.logging} — netlib
 * announcing its BLAS backend — are routed into it, so their lines have the same format and
 * levels as the toolkit's own. Called by the command line and the notebook facade.
 */
public final class Logging {

    private Logging() { }

    /**
     * Routes java.util.logging into SLF4J (once; later calls do nothing). Without the bridge on the
     * class path (an old notebooks/lib) logging stays as it was: never a reason to fail.
     */
    public static synchronized void install() {
        try {
            Bridge.install();
        } catch (LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Logging.class).debug("jul-to-slf4j not on the class path; java.util.logging stays separate");
        }
    }

    /** Separate class, so a missing bridge shows as a LinkageError in {@link #install()} only. */
    private static final class Bridge {
        static void install() {
            if (SLF4JBridgeHandler.isInstalled()) return;
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            // JUL filters by level before the bridge sees a record: let everything through, SLF4J decides
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.FINE);
        }
    }
}
