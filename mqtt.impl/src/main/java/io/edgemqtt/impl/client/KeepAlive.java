package io.edgemqtt.impl.client;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.PingReq;
import io.edgemqtt.impl.io.EventLoop;
import io.edgemqtt.impl.io.MqttConnection;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive of one connection: sends PINGREQ when nothing was written for most of a keep-alive period
 * (MQTT-3.1.2-23) or nothing was read for one, and declares a broker lost that then stays silent for half a period
 * more, so silence is noticed within 1.5 times the keep-alive. Loop thread only.
 */
final class KeepAlive {
    private static final long MINIMUM_DELAY = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventLoop loop;
    private MqttConnection link;
    private URI server;
    private long periodNanos;
    private long pingSentNanos;
    private EventLoop.Timer timer;

    KeepAlive(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * @param connection the accepted connection
     * @param uri its server, for the error message
     * @param seconds the keep-alive in force (0: off)
     */
    void start(MqttConnection connection, URI uri, int seconds) {
        stop();
        link = connection;
        server = uri;
        periodNanos = TimeUnit.SECONDS.toNanos(seconds);
        pingSentNanos = 0;
        if (periodNanos > 0) {
            schedule(periodNanos);
        }
    }

    /** A PINGRESP arrived. */
    void answered() {
        pingSentNanos = 0;
    }

    /** The connection ended: no more pings. */
    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        link = null;
    }

    private void schedule(long delay) {
        timer = loop.schedule(Math.max(delay, MINIMUM_DELAY), this::check);
    }

    private void check() {
        timer = null;
        if (link == null || link.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long sinceRead = link.isReadingPaused() ? 0 : now - link.lastReadNanos(); // paused on purpose: not silence
        if (pingSentNanos != 0) {
            long waited = now - pingSentNanos;
            if (link.lastReadNanos() - pingSentNanos > 0 || link.isReadingPaused()) {
                pingSentNanos = 0; // something arrived after the ping: the broker is alive
            } else if (waited >= periodNanos / 2) {
                link.close(new MqttException(ReasonCode.KEEP_ALIVE_TIMEOUT, "no answer from " + server
                        + " within 1.5 times the keep-alive of " + periodNanos / 1_000_000_000L + " s"), false);
                return;
            } else {
                schedule(periodNanos / 2 - waited);
                return;
            }
        }
        // Ping a little before the period ends: brokers check with coarse timers, and a ping sent exactly at the
        // deadline can arrive after it (MQTT-3.1.2-24 gives the broker 1.5 periods, some round that down).
        long writeIdleLimit = periodNanos * 3 / 4;
        long sinceWrite = now - link.lastWriteNanos();
        if (sinceWrite >= writeIdleLimit || sinceRead >= periodNanos) {
            link.send(PingReq.INSTANCE);
            link.flush();
            pingSentNanos = System.nanoTime();
            schedule(periodNanos / 2);
        } else {
            schedule(Math.min(writeIdleLimit - sinceWrite, periodNanos - sinceRead));
        }
    }
}
