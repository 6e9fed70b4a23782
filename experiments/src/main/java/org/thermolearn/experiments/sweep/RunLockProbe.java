package org.thermolearn.experiments.sweep;

import org.thermolearn.experiments.run.RunLock;

import java.nio.file.Path;

/** Whether a live process holds a task directory's {@link RunLock}. */
final class RunLockProbe {

    private RunLockProbe() { }

    static boolean busy(Path taskDir) {
        return RunLock.state(taskDir, "running").startsWith("running (");
    }
}
