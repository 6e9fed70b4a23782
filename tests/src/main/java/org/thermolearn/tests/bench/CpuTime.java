package org.thermolearn.tests.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Secondary JMH metrics for the single-shot benchmarks on a shared machine: CPU seconds of the benchmark
 * thread ({@code threadCpuS}, which includes single-threaded native BLAS work done on that thread) and of the
 * whole JVM process ({@code processCpuS}, includes BLAS worker threads, GC and JIT) per iteration. When
 * other jobs compete for the cores, wall time grows but these stay close to the quiet-machine wall time of
 * a single-threaded run.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public double threadCpuS;
    public double processCpuS;

    private long t0;
    private long p0;

    @Setup(Level.Iteration)
    public void start() {
        threadCpuS = 0;
        processCpuS = 0;
        t0 = THREADS.getCurrentThreadCpuTime();
        p0 = processCpu();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        threadCpuS = (THREADS.getCurrentThreadCpuTime() - t0) * 1e-9;
        processCpuS = (processCpu() - p0) * 1e-9;
    }

    static long processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
