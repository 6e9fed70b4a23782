package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's {@code LoopThread} (same name, constructor and methods), which has a
 * start-up race: its {@code start()} called {@code Thread.start()} and only then set {@code running = true}, so a
 * thread scheduled before that assignment saw {@code running == false} and ended at once, silently. When that hit
 * the shell thread the kernel stayed up but never read a request ("Kernel didn't respond in 60 seconds", about one
 * start in four on a busy machine); the heartbeat and control threads could die the same way.
 *
 * <p>Here the loop runs from the moment the thread starts, and an exception thrown by one pass of the loop body is
 * logged instead of ending the thread (the 3.0.1 thread died on the first one). The launcher puts this class ahead
 * of the kernel jar on the class path; {@code ThermoLearnKernel} refuses to start if it is not the one loaded.
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running = true;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.SEVERE, getName() + ": one pass of the channel loop failed; the channel keeps running", e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    public void shutdown() {
        running = false;
    }
}
