package org.thermolearn.experiments.cli;

import picocli.CommandLine;

/** The toolkit version from the jar manifest (or "development" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {

    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"ThermoLearn " + version(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
