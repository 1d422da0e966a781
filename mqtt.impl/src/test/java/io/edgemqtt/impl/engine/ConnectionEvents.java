package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.edgemqtt.api.ConnectResult;
import io.edgemqtt.api.ConnectionListener;
import io.edgemqtt.api.DisconnectEvent;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a {@link ConnectionListener} is told, for tests to await. */
public final class ConnectionEvents implements ConnectionListener {
    public final LinkedBlockingQueue<ConnectResult> connected = new LinkedBlockingQueue<>();
    public final LinkedBlockingQueue<DisconnectEvent> disconnected = new LinkedBlockingQueue<>();
    public final AtomicInteger reconnecting = new AtomicInteger();

    @Override
    public void connected(ConnectResult result) {
        connected.add(result);
    }

    @Override
    public void disconnected(DisconnectEvent event) {
        disconnected.add(event);
    }

    @Override
    public void reconnecting(int attempt, Duration delay, URI serverUri) {
        reconnecting.incrementAndGet();
    }

    public ConnectResult nextConnected() throws InterruptedException {
        ConnectResult result = connected.poll(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(result, "not connected within " + TestClients.WAIT);
        return result;
    }

    public DisconnectEvent nextDisconnected() throws InterruptedException {
        DisconnectEvent event = disconnected.poll(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event, "no disconnect within " + TestClients.WAIT);
        return event;
    }
}
