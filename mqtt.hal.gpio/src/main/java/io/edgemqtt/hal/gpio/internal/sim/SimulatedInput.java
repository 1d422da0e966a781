package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.Edge;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.EdgeListener;
import io.edgemqtt.hal.gpio.internal.EdgeListeners;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import java.lang.System.Logger;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A digital input that plays an {@link EdgeScript} on the shared scheduler, once or in a loop. Steps that repeat the
 * current level produce no edge.
 */
final class SimulatedInput implements DigitalInput, AutoCloseable {
    private static final Logger LOG = System.getLogger(SimulatedInput.class.getName());

    private final String id;
    private final EdgeScript script;
    private final boolean repeat;
    private final Clock clock;
    private final EdgeListeners listeners;
    private volatile boolean level;
    // guarded by this
    private int next;
    private ScheduledFuture<?> pending;
    private boolean closed;

    SimulatedInput(String id, EdgeScript script, boolean repeat, Clock clock) {
        this.id = id;
        this.script = script;
        this.repeat = repeat;
        this.clock = clock;
        this.listeners = new EdgeListeners(LOG, "simulated input " + id);
        this.level = script.steps().get(0).level;
    }

    /**
     * Starts playing: the first step's level holds from now for its duration.
     *
     * @param scheduler the shared scheduler
     */
    synchronized void start(ScheduledExecutorService scheduler) {
        next = 1;
        schedule(scheduler, script.steps().get(0).millis);
    }

    private void schedule(ScheduledExecutorService scheduler, long delayMillis) {
        pending = scheduler.schedule(HalThreads.guarded("simulated input " + id, () -> advance(scheduler)),
                delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void advance(ScheduledExecutorService scheduler) {
        if (closed) {
            return;
        }
        if (next >= script.steps().size()) {
            if (!repeat) {
                return;
            }
            next = 0;
        }
        EdgeScript.Step step = script.steps().get(next++);
        set(step.level);
        schedule(scheduler, step.millis);
    }

    /**
     * Changes the level now, as the script does; tells the listeners if it changed.
     *
     * @param newLevel the new level
     */
    synchronized void set(boolean newLevel) {
        if (newLevel == level) {
            return;
        }
        level = newLevel;
        listeners.tell(new EdgeEvent(id, Edge.to(newLevel), clock.instant()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean read() {
        return level;
    }

    @Override
    public void addEdgeListener(EdgeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeEdgeListener(EdgeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
        }
        listeners.clear();
    }

    @Override
    public String toString() {
        return "simulated input " + id;
    }
}
