package io.edgemqtt.hal.gpio.internal;

import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.EdgeListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The edge listeners of one digital input. Listeners come and go on any thread while edges are being told, hence the
 * copy-on-write set; a listener that throws is logged and the others are still told, as {@link EdgeListener} promises.
 */
public final class EdgeListeners {
    private final Set<EdgeListener> listeners = new CopyOnWriteArraySet<>();
    private final Logger log;
    private final String input;

    /**
     * @param log the input's logger
     * @param input names the input in the log line of a failing listener, for example {@code input door}
     */
    public EdgeListeners(Logger log, String input) {
        this.log = log;
        this.input = input;
    }

    /** @param listener added; adding it again has no further effect */
    public void add(EdgeListener listener) {
        listeners.add(listener);
    }

    /** @param listener removed, if it was added */
    public void remove(EdgeListener listener) {
        listeners.remove(listener);
    }

    /** Forgets every listener, when the input closes. */
    public void clear() {
        listeners.clear();
    }

    /** @param event told to every listener, in turn */
    public void tell(EdgeEvent event) {
        for (EdgeListener listener : listeners) {
            try {
                listener.onEdge(event);
            } catch (RuntimeException e) {
                log.log(Level.ERROR, "an edge listener of " + input + " failed", e);
            }
        }
    }
}
