package io.edgemqtt.benchmark;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Counts what a subscriber received in one phase: distinct messages, duplicates, time of the last new one. */
final class Tracker {
    final int phase;
    private final int expected;
    private final BitSet seen;
    private final CountDownLatch all = new CountDownLatch(1);
    private int distinct;
    private int duplicates;
    private volatile long lastNanos;
    private volatile int progress;

    Tracker(int phase, int expected) {
        this.phase = phase;
        this.expected = expected;
        this.seen = new BitSet(expected);
    }

    synchronized void record(int sequence) {
        if (sequence < 0 || sequence >= expected) {
            return;
        }
        if (seen.get(sequence)) {
            duplicates++;
            return;
        }
        seen.set(sequence);
        distinct++;
        lastNanos = System.nanoTime();
        progress = distinct;
        if (distinct == expected) {
            all.countDown();
        }
    }

    /**
     * Waits for every message, or until nothing new arrived for {@code idleMillis}.
     *
     * @return true if all arrived
     */
    boolean await(long idleMillis) throws InterruptedException {
        int lastProgress = -1;
        long lastChange = System.nanoTime();
        while (!all.await(100, TimeUnit.MILLISECONDS)) {
            int now = progress;
            if (now != lastProgress) {
                lastProgress = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > idleMillis * 1_000_000L) {
                return false;
            }
        }
        return true;
    }

    long lastNanos() {
        return lastNanos;
    }

    synchronized int distinct() {
        return distinct;
    }

    synchronized int duplicates() {
        return duplicates;
    }
}
