package io.edgemqtt.impl.client;

import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.ConnectionListener;
import io.edgemqtt.api.DisconnectEvent;
import io.edgemqtt.impl.exec.SerialExecutor;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs a client's completions and connection listeners on the callback threads, one at a time and in the order the
 * loop produced them: a listener never sees "disconnected" before the "connected" that preceded it.
 */
final class ClientEvents implements Executor {
    private static final System.Logger LOG = System.getLogger(ClientEvents.class.getName());

    private final SerialExecutor serial;

    ClientEvents(Executor pool) {
        this.serial = new SerialExecutor(pool);
    }

    @Override
    public void execute(Runnable task) {
        serial.execute(task);
    }

    void connected(List<ConnectionListener> listeners, ConnectResult result) {
        each(listeners, listener -> listener.connected(result));
    }

    void disconnected(List<ConnectionListener> listeners, DisconnectEvent event) {
        each(listeners, listener -> listener.disconnected(event));
    }

    void reconnecting(List<ConnectionListener> listeners, int attempt, Duration delay, URI server) {
        each(listeners, listener -> listener.reconnecting(attempt, delay, server));
    }

    private void each(List<ConnectionListener> listeners, Consumer<ConnectionListener> call) {
        if (listeners.isEmpty()) {
            return;
        }
        serial.execute(() -> {
            for (ConnectionListener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "MQTT connection listener " + listener.getClass().getName() + " failed", e);
                }
            }
        });
    }
}
