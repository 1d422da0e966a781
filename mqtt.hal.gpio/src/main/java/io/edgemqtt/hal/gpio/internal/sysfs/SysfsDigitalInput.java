package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.Edge;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.EdgeListener;
import io.edgemqtt.hal.gpio.internal.EdgeListeners;
import io.edgemqtt.hal.gpio.internal.FileWatcher;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A sysfs GPIO input with debounced edges. A change is noticed two ways: the file watcher reports a modification of the
 * pin's {@code value} file (the kernel signals it for the edges written to {@code edge}), and a slow poll catches
 * whatever the watcher missed (an overflow, a file system that does not signal). Both feed the same {@link
 * DebounceFilter}, so a change seen twice is reported once.
 */
final class SysfsDigitalInput implements DigitalInput, AutoCloseable {
    private static final Logger LOG = System.getLogger(SysfsDigitalInput.class.getName());

    private final String id;
    private final SysfsGpioLine line;
    private final boolean reportRising;
    private final boolean reportFalling;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final EdgeListeners listeners;

    // guarded by this
    private DebounceFilter filter;
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> recheck;
    private AutoCloseable watch;
    private boolean failing;
    private boolean closed;
    private final long debounceNanos;

    /**
     * @param id the input's identifier
     * @param line the exported line, already configured as an input
     * @param edges which edges to report: {@code both}, {@code rising}, {@code falling} or {@code none}
     * @param debounceMillis how long a new level must hold before it counts
     * @param scheduler runs the poll and the debounce re-checks
     * @param clock stamps the events
     * @param nanoTime the monotonic time source of the debouncing
     */
    SysfsDigitalInput(String id, SysfsGpioLine line, String edges, long debounceMillis,
            ScheduledExecutorService scheduler, Clock clock, LongSupplier nanoTime) {
        this.id = id;
        this.line = line;
        this.reportRising = edges.equals("both") || edges.equals("rising");
        this.reportFalling = edges.equals("both") || edges.equals("falling");
        this.debounceNanos = TimeUnit.MILLISECONDS.toNanos(debounceMillis);
        this.scheduler = scheduler;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.listeners = new EdgeListeners(LOG, "input " + id);
    }

    /**
     * Reads the initial level and starts watching.
     *
     * @param watcher the shared file watcher, or null to rely on the poll alone
     * @param pollMillis the backstop poll period, 0 for none
     * @throws IOException if the line cannot be read or watched
     */
    synchronized void start(FileWatcher watcher, long pollMillis) throws IOException {
        filter = new DebounceFilter(line.value(), debounceNanos);
        if (watcher != null) {
            watch = watcher.watch(line.folder(), changed -> {
                if (changed.getFileName().toString().equals("value")) {
                    check();
                }
            });
        }
        if (pollMillis > 0) {
            poll = scheduler.scheduleWithFixedDelay(HalThreads.guarded("polling " + id, this::check), pollMillis,
                    pollMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the level and reports an edge if the debounced level changed. Called by the watcher, poll and timer. */
    synchronized void check() {
        if (closed || filter == null) {
            return;
        }
        boolean level;
        try {
            level = line.value();
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "input {0} ({1}): cannot read: {2}; retrying quietly", id, line,
                        SysfsValues.describe(e));
            }
            return;
        }
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "input {0} ({1}): readable again", id, line);
        }
        long now = nanoTime.getAsLong();
        if (filter.offer(level, now)) {
            Edge edge = Edge.to(level);
            if (edge == Edge.RISING ? reportRising : reportFalling) {
                listeners.tell(new EdgeEvent(id, edge, clock.instant()));
            }
        }
        long due = filter.nanosUntilDue(now);
        if (due >= 0 && (recheck == null || recheck.isDone())) {
            recheck = scheduler.schedule(HalThreads.guarded("debouncing " + id, this::check), due,
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean read() throws IOException {
        return line.value();
    }

    @Override
    public void addEdgeListener(EdgeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeEdgeListener(EdgeListener listener) {
        listeners.remove(listener);
    }

    /** Stops watching and polling. */
    @Override
    public synchronized void close() {
        closed = true;
        if (poll != null) {
            poll.cancel(false);
        }
        if (recheck != null) {
            recheck.cancel(false);
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing the watch of " + id, e);
            }
        }
        listeners.clear();
    }

    @Override
    public String toString() {
        return "input " + id + " (" + line + ")";
    }
}
