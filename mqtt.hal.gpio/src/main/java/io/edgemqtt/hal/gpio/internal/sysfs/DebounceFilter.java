package io.edgemqtt.hal.gpio.internal.sysfs;

/**
 * Turns raw level samples into debounced level changes. A new level counts once it has been seen continuously for the
 * debounce time; a level that flips back before that is a glitch and is dropped. Samples of the level already
 * reported change nothing, so repeated notifications of one change (file watch and poll both seeing it, or the kernel
 * signalling twice) produce one edge. Not thread-safe; time is passed in so that tests control it.
 */
final class DebounceFilter {
    private final long debounceNanos;
    private boolean stable;
    private boolean pending;
    private long pendingSince;

    /**
     * @param initial the level at start, reported as no edge
     * @param debounceNanos how long a new level must hold; 0 reports every change at once
     */
    DebounceFilter(boolean initial, long debounceNanos) {
        this.stable = initial;
        this.debounceNanos = debounceNanos;
    }

    /**
     * @param level the level just read
     * @param now the time of the read, in nanoseconds (any origin, monotonic)
     * @return true if this sample completes a change to {@code level} (report an edge now)
     */
    boolean offer(boolean level, long now) {
        if (level == stable) {
            pending = false;
            return false;
        }
        if (!pending) {
            pending = true;
            pendingSince = now;
        }
        if (now - pendingSince >= debounceNanos) {
            stable = level;
            pending = false;
            return true;
        }
        return false;
    }

    /** @return the level last reported */
    boolean stable() {
        return stable;
    }

    /**
     * @param now the current time in nanoseconds
     * @return how long until the pending level has held long enough and should be sampled again, or -1 if no change
     *     is pending
     */
    long nanosUntilDue(long now) {
        return pending ? Math.max(0, pendingSince + debounceNanos - now) : -1;
    }
}
