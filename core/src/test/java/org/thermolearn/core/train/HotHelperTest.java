package org.thermolearn.core.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The spinning second thread of the SGD step: both tasks run, on two threads, failures reach the caller, and it restarts after idling. */
class HotHelperTest {

    @Test
    void runsBothTasksOnTwoThreadsAndPublishesTheirWrites() {
        HotHelper h = new HotHelper("test-helper");
        double[] shared = new double[2];
        AtomicReference<Thread> theirs = new AtomicReference<>();
        for (int i = 1; i < HotHelper.WINDOW; i++) { // within the first window: always two threads
            int v = i;
            h.run(() -> shared[0] = v, () -> { shared[1] = -v; theirs.set(Thread.currentThread()); });
            assertEquals(v, shared[0]);
            assertEquals(-v, shared[1], "the helper's plain write is visible after run returns");
            assertNotSame(Thread.currentThread(), theirs.get());
        }
    }

    @Test
    void aHelperFarSlowerThanTheCallerSendsTheNextCallsToTheCallerAlone() {
        HotHelper h = new HotHelper("test-helper");
        AtomicReference<Thread> theirs = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        Runnable slow = () -> { // the helper's half takes ≥ 0.2 ms, the caller's nothing: it waits for all of it
            long until = System.nanoTime() + 200_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            theirs.set(Thread.currentThread());
            done.incrementAndGet();
        };
        for (int i = 0; i < HotHelper.WINDOW; i++) {
            assertFalse(h.inline(), "two threads until a whole window was contended");
            h.run(() -> { }, slow);
        }
        assertTrue(h.inline(), "waited far longer than its own work: contended");
        h.run(() -> { }, slow);
        assertSame(Thread.currentThread(), theirs.get(), "both halves on the caller");
        assertEquals(HotHelper.WINDOW + 1, done.get(), "every task ran exactly once");
        for (int i = 1; i < HotHelper.INLINE_MIN; i++) h.run(() -> { }, () -> { });
        assertFalse(h.inline(), "after the inline stretch two threads are tried again");
    }

    @Test
    void aFailureOfEitherTaskIsRethrownAndTheHelperStaysUsable() {
        HotHelper h = new HotHelper("test-helper");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> h.run(() -> { }, () -> { throw new IllegalStateException("theirs"); }));
        assertEquals("theirs", e.getMessage());
        assertThrows(ArithmeticException.class, () -> h.run(() -> { throw new ArithmeticException("mine"); }, () -> { }));
        AtomicInteger n = new AtomicInteger();
        h.run(n::incrementAndGet, n::incrementAndGet);
        assertEquals(2, n.get());
    }

    @Test
    void aNewHelperThreadStartsAfterTheOldOneEndedIdle() throws InterruptedException {
        HotHelper h = new HotHelper("test-helper");
        AtomicReference<Thread> first = new AtomicReference<>(), second = new AtomicReference<>();
        h.run(() -> { }, () -> first.set(Thread.currentThread()));
        first.get().join(10_000); // ends by itself after IDLE_EXIT_NS without work
        assertFalse(first.get().isAlive(), "the idle helper thread ended");
        h.run(() -> { }, () -> second.set(Thread.currentThread()));
        assertNotSame(first.get(), second.get());
    }
}
