package org.thermolearn.experiments.sweep;

import picocli.CommandLine;

/** Test launcher: {@code thermolearn sweep …} without the toolkit's top-level command. */
public final class SweepCli {
    private SweepCli() { }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SweepCommand()).execute(args));
    }
}
