package org.thermolearn.experiments.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint epochs written out by hand from theory.md §6.2 (log), every:K and explicit lists. */
@Tag("essential")
class CheckpointScheduleTest {

    private static List<Integer> epochs(String spec, int last) {
        return CheckpointSchedule.parse(spec, last).epochs();
    }

    @Test
    void logRecordsOneThreeTenThirtyAndTheLastEpoch() {
        assertEquals(List.of(0), epochs("log", 0));
        assertEquals(List.of(0, 1), epochs("log", 1));
        assertEquals(List.of(0, 1, 2), epochs("log", 2));
        assertEquals(List.of(0, 1, 3), epochs("log", 3));
        assertEquals(List.of(0, 1, 3, 5), epochs("log", 5));
        assertEquals(List.of(0, 1, 3, 9), epochs("log", 9));
        assertEquals(List.of(0, 1, 3, 10), epochs("log", 10));
        assertEquals(List.of(0, 1, 3, 10, 29), epochs("log", 29));
        assertEquals(List.of(0, 1, 3, 10, 30), epochs("log", 30));
        assertEquals(List.of(0, 1, 3, 10, 30, 31), epochs("log", 31));
        assertEquals(List.of(0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 12345), epochs("log", 12345));
        assertEquals(List.of(0, 1, 3, 5), epochs("  log ", 5), "surrounding blanks are ignored");
    }

    @Test
    void everyKRecordsTheMultiplesOfKAndTheLastEpoch() {
        assertEquals(List.of(0, 1, 2, 3), epochs("every:1", 3));
        assertEquals(List.of(0, 2, 4, 5), epochs("every:2", 5));
        assertEquals(List.of(0, 5, 10), epochs("every:5", 10));
        assertEquals(List.of(0, 3), epochs("every:7", 3));
        assertEquals(List.of(0, 4, 8, 9), epochs("every: 4", 9));
    }

    @Test
    void aListRecordsItsEpochsSortedWithoutRepeatsPlusZeroAndTheLast() {
        assertEquals(List.of(0, 2, 5), epochs("0,2,5", 5));
        assertEquals(List.of(0, 2, 4, 6), epochs("4, 2,2", 6));
        assertEquals(List.of(0, 6), epochs("6", 6));
    }

    @Test
    void containsAnswersForTheScheduledEpochsOnly() {
        CheckpointSchedule s = CheckpointSchedule.parse("log", 30);
        for (int e : new int[]{0, 1, 3, 10, 30}) assertTrue(s.contains(e), "epoch " + e);
        for (int e : new int[]{2, 4, 9, 11, 29, 31}) assertFalse(s.contains(e), "epoch " + e);
    }

    @Test
    void badSchedulesAreRefusedWithTheFixInTheMessage() {
        var zero = assertThrows(IllegalArgumentException.class, () -> epochs("every:0", 5));
        assertTrue(zero.getMessage().contains("K must be"), zero.getMessage());
        var word = assertThrows(IllegalArgumentException.class, () -> epochs("every:x", 5));
        assertTrue(word.getMessage().contains("positive integer K"), word.getMessage());
        var outside = assertThrows(IllegalArgumentException.class, () -> epochs("0,7", 5));
        assertTrue(outside.getMessage().contains("outside 0..5"), outside.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> epochs("-1", 5));
        assertTrue(negative.getMessage().contains("outside 0..5"), negative.getMessage());
        var garbage = assertThrows(IllegalArgumentException.class, () -> epochs("often", 5));
        assertTrue(garbage.getMessage().contains("log, every:K or a list"), garbage.getMessage());
    }

    @Test
    void theEpochListCannotBeChangedFromOutside() {
        List<Integer> e = epochs("log", 5);
        assertThrows(UnsupportedOperationException.class, () -> e.add(7));
    }
}
