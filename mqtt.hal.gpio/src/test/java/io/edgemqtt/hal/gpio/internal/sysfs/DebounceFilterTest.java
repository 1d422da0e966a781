package io.edgemqtt.hal.gpio.internal.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebounceFilterTest {
    static final long MS = 1_000_000;

    @Test
    void withoutDebounceEveryChangeIsAnEdgeAndRepeatsAreNot() {
        DebounceFilter filter = new DebounceFilter(false, 0);
        assertTrue(filter.offer(true, 0));
        assertFalse(filter.offer(true, 1), "the same level again is a duplicate");
        assertFalse(filter.offer(true, 2));
        assertTrue(filter.offer(false, 3));
        assertFalse(filter.offer(false, 3));
        assertEquals(-1, filter.nanosUntilDue(3));
    }

    @Test
    void aNewLevelCountsOnceItHeldForTheDebounceTime() {
        DebounceFilter filter = new DebounceFilter(false, 20 * MS);
        assertFalse(filter.offer(true, 0));
        assertEquals(20 * MS, filter.nanosUntilDue(0));
        assertFalse(filter.offer(true, 10 * MS), "held 10 ms of 20");
        assertEquals(10 * MS, filter.nanosUntilDue(10 * MS));
        assertTrue(filter.offer(true, 20 * MS));
        assertTrue(filter.stable());
        assertFalse(filter.offer(true, 30 * MS), "reported once");
        assertEquals(-1, filter.nanosUntilDue(30 * MS));
    }

    @Test
    void aGlitchShorterThanTheDebounceTimeIsDropped() {
        DebounceFilter filter = new DebounceFilter(false, 20 * MS);
        assertFalse(filter.offer(true, 0));
        assertFalse(filter.offer(false, 5 * MS), "back before 20 ms");
        assertEquals(-1, filter.nanosUntilDue(5 * MS));
        assertFalse(filter.offer(false, 25 * MS));
        assertFalse(filter.stable());
    }

    @Test
    void bouncingRestartsTheDebounceTime() {
        DebounceFilter filter = new DebounceFilter(false, 20 * MS);
        filter.offer(true, 0);
        filter.offer(false, 5 * MS);
        filter.offer(true, 10 * MS);
        assertFalse(filter.offer(true, 25 * MS), "only 15 ms since the last bounce");
        assertTrue(filter.offer(true, 30 * MS));
    }
}
