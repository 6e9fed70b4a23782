package org.thermolearn.core.train;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for the two-phase SGD step ({@link ShardedSgdStep}) that stays hot between phases: a step hands
 * it one task per phase, about 3 000 hand-overs per epoch, each of 0.1–0.5 ms of work. A fork-join pool parks its
 * idle worker and the joining caller, and waking a parked thread costs tens of microseconds (more in a VM), which
 * ate the whole gain of the second core; here both sides spin ({@link Thread#onSpinWait}) for {@link #SPIN_NS}
 * before they park, so consecutive phases hand over in well under a microsecond.
 *
 * <p>The helper thread is a daemon started on the first {@link #run} and ends itself after {@link #IDLE_EXIT_NS}
 * without work (between epochs' measurements it is simply started again), so nothing needs closing. One caller
 * thread at a time (not thread-safe); a task's exception is rethrown on the caller.
 *
 * <p>On a busy machine (more runnable threads than cores) every hand-over can wait for the other thread's next
 * time slice, and a step that should gain 25 % crawls instead. So the caller keeps account: over each window of
 * {@link #WINDOW} hand-overs it adds up how long it waited for the helper after its own half was done; when that
 * exceeds the time its own halves took (the helper ran at less than half its fair speed), the next calls run both
 * tasks on the caller, one after the other, then two threads are tried again for a window. The inline stretch starts at
 * {@link #INLINE_MIN} calls (a passing disturbance, such as the JIT compiler threads at a run's start, costs little)
 * and doubles with every contended window in a row up to {@link #INLINE_MAX} (a machine that stays busy pays for a
 * trial window only rarely). The tasks are independent (disjoint shards), so the numbers are the same either way;
 * only the speed changes.
 */
final class HotHelper {

    /** How long either side spins before it parks (a phase of a step lasts about 0.05–0.5 ms). */
    static final long SPIN_NS = 200_000;
    /** The helper thread ends after this long without work. */
    static final long IDLE_EXIT_NS = 50_000_000;

    /** Hand-overs per contention window. */
    static final int WINDOW = 256;
    /** Calls run on the caller alone after a first contended window (about 0.1 s of small steps). */
    static final int INLINE_MIN = 512;
    /** The longest inline stretch (a few epochs of small steps). */
    static final int INLINE_MAX = 65_536;

    /** Marks a slot whose helper thread has ended (or never started). */
    private static final Runnable ENDED = () -> { };

    /** null: helper idle and alive; a task: posted, not finished; {@link #ENDED}: no helper thread. */
    private final AtomicReference<Runnable> slot = new AtomicReference<>(ENDED);
    private final String name;
    private volatile Thread helper;
    private volatile boolean helperParked;
    private volatile Thread waiter;
    private volatile boolean waiterParked;
    private volatile Throwable failure;
    /** Caller-side accounting (caller thread only): see the class comment. */
    private int windowRuns, inlineLeft, inlineNext = INLINE_MIN;
    private long windowWaitNs, windowOwnNs;

    HotHelper(String name) {
        this.name = name;
    }

    /** Runs {@code theirs} on the helper thread and {@code mine} on the caller, and returns when both are done. */
    void run(Runnable mine, Runnable theirs) {
        if (inlineLeft > 0) {
            inlineLeft--;
            mine.run();
            theirs.run();
            return;
        }
        post(theirs);
        Throwable own = null;
        long t0 = System.nanoTime();
        try {
            mine.run();
        } catch (Throwable t) {
            own = t;
        }
        long t1 = System.nanoTime();
        awaitDone();
        account(t1 - t0, System.nanoTime() - t1);
        Throwable t = failure;
        failure = null;
        if (own != null) rethrow(own);
        if (t != null) rethrow(t);
    }

    private void account(long ownNs, long waitNs) {
        windowOwnNs += ownNs;
        windowWaitNs += waitNs;
        if (++windowRuns < WINDOW) return;
        if (windowWaitNs > windowOwnNs) {
            inlineLeft = inlineNext;
            inlineNext = Math.min(2 * inlineNext, INLINE_MAX);
        } else {
            inlineNext = INLINE_MIN;
        }
        windowRuns = 0;
        windowWaitNs = 0;
        windowOwnNs = 0;
    }

    /** Whether the next call runs both tasks on the caller (a contended machine, see the class comment). */
    boolean inline() {
        return inlineLeft > 0;
    }

    private void post(Runnable task) {
        waiter = Thread.currentThread();
        if (slot.compareAndSet(null, task)) {
            if (helperParked) LockSupport.unpark(helper);
            return;
        }
        // no helper thread (the first call, or it ended after idling): start one with the task already posted
        slot.set(task);
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        helper = t;
        t.start();
    }

    private void awaitDone() {
        long start = System.nanoTime();
        while (slot.get() != null) {
            if (System.nanoTime() - start < SPIN_NS) {
                Thread.onSpinWait();
            } else {
                waiterParked = true;
                if (slot.get() != null) LockSupport.parkNanos(this, 1_000_000); // unparked by the helper; the timeout is a safety net
                waiterParked = false;
            }
        }
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable task = slot.get();
            if (task != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    failure = t;
                }
                slot.set(null);
                if (waiterParked) LockSupport.unpark(waiter);
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NS) {
                Thread.onSpinWait();
            } else if (idle > IDLE_EXIT_NS) {
                if (slot.compareAndSet(null, ENDED)) return;
            } else {
                helperParked = true;
                if (slot.get() == null) LockSupport.parkNanos(this, IDLE_EXIT_NS);
                helperParked = false;
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
